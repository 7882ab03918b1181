import Crypto

/// The one credential a voter casts with: 100 random bits as twenty letters and digits
/// (Crockford's base 32, read aloud or typed from paper without confusion), in groups of
/// four. Only its hash is kept; the voter holds the only copy.
public enum BallotCredential {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A new credential.
    public static func make(using random: inout some RandomNumberGenerator) -> String {
        let characters = (0..<20).map { _ in alphabet[Int(random.next() % 32)] }
        return stride(from: 0, to: 20, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// The stored hash of `credential` as typed: case, spaces and dashes do not matter, and
    /// the letters people mistake for digits (O, I, L) read as those digits.
    public static func hash(_ credential: String) -> [UInt8] {
        Array(SHA256.hash(data: Array("warden credential v1 \(normalised(credential))".utf8)))
    }

    static func normalised(_ credential: String) -> String {
        String(credential.uppercased().compactMap { character -> Character? in
            switch character {
            case "O": "0"
            case "I", "L": "1"
            case "-", " ": nil
            default: character
            }
        })
    }
}
