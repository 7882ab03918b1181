/// The layout of a value sealed directly by the key ring: a big-endian four-byte
/// key-encryption key version, then the AES-GCM box. Shared by the key ring, which seals
/// and opens, and the store, which finds what rotation must rewrap.
public enum SealedValue {
    /// The key-encryption key version `sealed` names.
    public static func keyVersion(of sealed: [UInt8]) -> Int {
        Int(sealed.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }
}
