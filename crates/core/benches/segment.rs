fn main() {
    // Being written; see issue 3.
}
