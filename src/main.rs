fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap_or_default()).unwrap_or_default();
    println!("{}", serde_json::to_string_pretty(&clausemark::parse(&text)).unwrap());
}
