//! Property tests of share payloads: any string round-trips, and no input (arbitrary text,
//! arbitrary bytes in base64url, damaged payloads) makes `decode` panic.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use proptest::prelude::*;
use quotemark_core::share::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_string_round_trips(json in any::<String>()) {
        prop_assert_eq!(decode(&encode(&json)), Ok(json));
    }

    #[test]
    fn arbitrary_text_never_panics(input in any::<String>()) {
        let _ = decode(&input);
        let _ = parse_fragment(&input);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512), limit in 0..4096usize) {
        let payload = URL_SAFE_NO_PAD.encode(&bytes);
        let _ = decode(&payload);
        if let Ok(s) = decode_with_limit(&payload, limit) {
            prop_assert!(s.len() <= limit);
        }
    }

    #[test]
    fn damaged_payloads_never_panic(json in ".{0,200}", cut in any::<prop::sample::Index>(), flip in any::<prop::sample::Index>(), c in "[A-Za-z0-9_-]") {
        let payload = encode(&json);
        let truncated = &payload[..cut.index(payload.len() + 1)];
        let _ = decode(truncated);
        if !payload.is_empty() {
            let i = flip.index(payload.len());
            let flipped = format!("{}{c}{}", &payload[..i], &payload[i + 1..]);
            if let Ok(s) = decode(&flipped) {
                prop_assert!(s.len() <= MAX_SHARED_BYTES);
            }
        }
    }
}
