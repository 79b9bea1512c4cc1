//! Share links: round trips, the fragment for the reference article, the fall-back to a reference,
//! an exact message for every kind of damaged payload, and the zip-bomb limit.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use quotemark_core::anchor::describe;
use quotemark_core::document::Document;
use quotemark_core::format::import;
use quotemark_core::model::*;
use quotemark_core::share::*;
use quotemark_core::SAMPLE_ARTICLE;

#[test]
fn round_trips() {
    for json in ["", "{}", "“quoted” — 😀 e\u{301}", &"{\"a\": [1, 2, 3]}\n".repeat(10_000)] {
        let payload = encode(json);
        assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{payload}");
        assert_eq!(decode(&payload).as_deref(), Ok(json));
        let fragment = format!("#{FRAGMENT_KEY}={payload}");
        if !payload.is_empty() {
            assert_eq!(parse_fragment(&fragment), Some(payload.as_str()));
        }
    }
    // Repetitive JSON compresses well.
    assert!(encode(&"{\"a\": [1, 2, 3]}\n".repeat(10_000)).len() < 1_000);
}

/// Every quotation in the reference article as a quote, every sentence with a digit as a claim.
fn sample_annotations(doc: &Document) -> AnnotationSet {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut set = AnnotationSet::default();
    let mut n = 0u8;
    let mut add = |start: usize, end: usize, kind: Kind| {
        n = n.wrapping_add(1);
        let mut a = Annotation::new(
            AnnotationId::from_random_bytes([n; 16]),
            describe(&doc.id.0, &doc.text, Span::new(start, end)),
            kind,
            Timestamp(1_496_653_200_000 + i64::from(n) * 60_000),
        );
        a.note = format!("Note {n}: check this against the transcript.");
        a.tags = vec!["sample".into()];
        set.apply(&Command::Create(a)).unwrap();
    };
    let mut open = None;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '“' => open = Some(i),
            '”' => {
                if let Some(start) = open.take() {
                    add(start, i + 1, Kind::Quote(Quote { speaker: "Theresa May".into(), cue: Some("said".into()), ..Quote::default() }));
                }
            }
            _ => {}
        }
    }
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '.' || i + 1 == chars.len() {
            if chars[start..=i].iter().any(char::is_ascii_digit) {
                let claim = Claim {
                    claim_type: ClaimType::Statistic,
                    status: ClaimStatus::NeedsSource,
                    evidence: vec![Evidence { url: Some("https://stats.example/x".into()), note: "Source?".into() }],
                };
                add(start, i + 1, Kind::Claim(claim));
            }
            start = i + 1;
            while start < chars.len() && chars[start].is_whitespace() {
                start += 1;
            }
        }
    }
    set
}

#[test]
fn the_reference_article_fits_with_its_text() {
    let doc = Document::from_raw(SAMPLE_ARTICLE);
    let set = sample_annotations(&doc);
    assert!(set.len() >= 8, "{}", set.len());
    let (fragment, with_text) = fragment(&doc, &set);
    assert!(with_text);
    assert!(fragment.len() < MAX_LINK_CHARS, "{}", fragment.len());
    let json = decode(parse_fragment(&format!("#{fragment}")).unwrap()).unwrap();
    let imported = import(&json).unwrap();
    assert_eq!(imported.document.as_ref().unwrap().to_document(), Some(doc));
    assert_eq!(imported.annotation_set(), set);
}

#[test]
fn a_long_article_is_shared_by_reference() {
    let mut x = 7u64;
    let words: Vec<String> = (0..40_000)
        .map(|_| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            format!("{:x}", x >> 44)
        })
        .collect();
    let doc = Document::from_raw(&words.join(" "));
    let set: AnnotationSet = [Annotation::new(
        AnnotationId::from_random_bytes([1; 16]),
        describe(&doc.id.0, &doc.text, Span::new(10, 30)),
        Kind::Claim(Claim::default()),
        Timestamp(0),
    )]
    .into_iter()
    .collect();
    let (fragment, with_text) = fragment(&doc, &set);
    assert!(!with_text);
    let imported = import(&decode(parse_fragment(&fragment).unwrap()).unwrap()).unwrap();
    let document = imported.document.clone().unwrap();
    assert_eq!((document.id, document.text), (doc.id.clone(), None));
    assert_eq!(imported.annotation_set(), set);
}

#[test]
fn parse_fragment_finds_the_payload() {
    for (fragment, payload) in [
        ("#share=abc", Some("abc")),
        ("share=abc", Some("abc")),
        ("#a=1&share=abc&b=2", Some("abc")),
        ("#a=1&share=abc", Some("abc")),
        ("https://quotemark.example/app?x=1#share=a-_b", Some("a-_b")),
        ("", None),
        ("#", None),
        ("#share", None),
        ("#share=", None),
        ("#xshare=abc", None),
        ("#shares=abc", None),
        ("#a=share=abc", None),
    ] {
        assert_eq!(parse_fragment(fragment), payload, "{fragment}");
    }
}

fn raw_deflate(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(bytes, 6))
}

#[test]
fn damaged_payloads_say_what_is_wrong() {
    let good = encode("{\"hello\": \"world\"}");
    let cases: Vec<(String, ShareError, &str)> = vec![
        (
            format!("{}%20", &good[..5]),
            ShareError::NotBase64 { position: 6, found: '%' },
            "the shared data is not base64url: character 6 is “%”, which cannot appear in it",
        ),
        (
            format!("ab“{good}"),
            ShareError::NotBase64 { position: 3, found: '“' },
            "the shared data is not base64url: character 3 is ““”, which cannot appear in it",
        ),
        (
            "abc+".into(),
            ShareError::NotBase64 { position: 4, found: '+' },
            "the shared data is not base64url: character 4 is “+”, which cannot appear in it",
        ),
        (
            "ab\ncd".into(),
            ShareError::NotBase64 { position: 3, found: '\n' },
            "the shared data is not base64url: character 3 is “\\n”, which cannot appear in it",
        ),
        (
            "abc=".into(),
            ShareError::NotBase64 { position: 4, found: '=' },
            "the shared data is not base64url: character 4 is “=”, which cannot appear in it",
        ),
        ("abcde".into(), ShareError::CutShort, "the shared data is not base64url: it stops part-way (was the link cut short?)"),
        ("AB".into(), ShareError::CutShort, "the shared data is not base64url: it stops part-way (was the link cut short?)"),
        ("".into(), ShareError::NotCompressed, "the shared data is not compressed annotations (was the link cut short or changed?)"),
        ("____".into(), ShareError::NotCompressed, "the shared data is not compressed annotations (was the link cut short or changed?)"),
        (good[..good.len() / 4 * 4 - 4].to_string(), ShareError::NotCompressed, "the shared data is not compressed annotations (was the link cut short or changed?)"),
        (raw_deflate(b"ok \xff\xfe"), ShareError::NotUtf8 { byte: 3 }, "the shared data is not text (not UTF-8 after byte 3)"),
    ];
    for (payload, error, message) in cases {
        let got = decode(&payload);
        assert_eq!(got.as_ref(), Err(&error), "{payload:?}");
        assert_eq!(error.to_string(), message);
    }
    assert_eq!(
        ShareError::TooLarge { limit: MAX_SHARED_BYTES }.to_string(),
        "the shared annotations unpack to more than 20 MB, more than Quotemark opens"
    );
    assert_eq!(ShareError::TooLarge { limit: 10 }.to_string(), "the shared annotations unpack to more than 10 bytes, more than Quotemark opens");
}

#[test]
fn the_limit_is_exact() {
    let json = "x".repeat(100_000);
    let payload = encode(&json);
    assert_eq!(decode_with_limit(&payload, 100_000).as_deref(), Ok(json.as_str()));
    assert_eq!(decode_with_limit(&payload, 99_999), Err(ShareError::TooLarge { limit: 99_999 }));
    assert_eq!(decode_with_limit(&payload, 0), Err(ShareError::TooLarge { limit: 0 }));
    assert_eq!(decode_with_limit(&encode(""), 0).as_deref(), Ok(""));
}

/// A raw DEFLATE stream of `n` zero bytes: one fixed-Huffman block holding a literal 0 and then
/// matches of 258 bytes at distance 1 (13 bits each, so about 1 : 160).
fn zeros_deflate(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, count: u32) {
            self.acc |= value << self.len;
            self.len += count;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u32, count: u32) {
            let reversed = code.reverse_bits() >> (32 - count);
            self.put(reversed, count);
        }
    }
    let mut b = Bits { out: Vec::new(), acc: 0, len: 0 };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    b.code(0b0011_0000, 8); // literal 0
    let mut left = n - 1;
    while left >= 258 {
        b.code(0b1100_0101, 8); // length code 285: 258 bytes
        b.code(0, 5); // distance code 0: distance 1
        left -= 258;
    }
    for _ in 0..left {
        b.code(0b0011_0000, 8);
    }
    b.code(0, 7); // end of block
    b.put(0, 7);
    b.out
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    let small = zeros_deflate(1000);
    assert_eq!(miniz_oxide::inflate::decompress_to_vec(&small).unwrap(), vec![0u8; 1000]);
    // 64 MB of zeros in a payload of about 500 KB: decoding stops at 20 MB.
    let bomb = URL_SAFE_NO_PAD.encode(zeros_deflate(64 * 1024 * 1024));
    assert!(bomb.len() < 600_000, "{}", bomb.len());
    assert_eq!(decode(&bomb), Err(ShareError::TooLarge { limit: MAX_SHARED_BYTES }));
    // Just over the limit fails; exactly at it decodes (NUL bytes are valid UTF-8).
    let over = URL_SAFE_NO_PAD.encode(zeros_deflate(MAX_SHARED_BYTES + 1));
    assert_eq!(decode(&over), Err(ShareError::TooLarge { limit: MAX_SHARED_BYTES }));
    let at = URL_SAFE_NO_PAD.encode(zeros_deflate(MAX_SHARED_BYTES));
    assert_eq!(decode(&at).map(|s| s.len()), Ok(MAX_SHARED_BYTES));
}
