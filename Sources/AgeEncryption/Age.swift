#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// One-shot encryption and decryption of whole age v1 files (c2sp.org/age), in the binary
/// encoding, to X25519 recipients or to a passphrase.
///
/// For data too large to hold in memory use ``AgeEncryptor`` and ``AgeDecryptor``, which
/// these functions wrap.
public enum Age {
    /// The scrypt work factor (log₂ N) used when encrypting to a passphrase; age's default.
    public static let defaultScryptWorkFactor = 18
    /// The highest scrypt work factor accepted, both for encrypting and as a decryption limit;
    /// age's own decryption limit, so every file written here opens with `age -d`.
    public static let maxScryptWorkFactor = 22
    /// The largest header a decryptor will buffer while looking for the header's end.
    public static let maxHeaderSize = 1 << 20

    /// Encrypts `plaintext` to a passphrase.
    public static func encrypt(
        _ plaintext: some DataProtocol, passphrase: String, workFactor: Int = defaultScryptWorkFactor
    ) throws -> Data {
        var encryptor = try AgeEncryptor(passphrase: passphrase, workFactor: workFactor)
        return try run(&encryptor, plaintext)
    }

    /// Encrypts `plaintext` so that any one of `recipients` can decrypt it.
    public static func encrypt(_ plaintext: some DataProtocol, recipients: [X25519Recipient]) throws -> Data {
        var encryptor = try AgeEncryptor(recipients: recipients)
        return try run(&encryptor, plaintext)
    }

    /// Decrypts a passphrase-encrypted file, refusing scrypt work factors above `maxWorkFactor`.
    public static func decrypt(
        _ file: some DataProtocol, passphrase: String, maxWorkFactor: Int = maxScryptWorkFactor
    ) throws -> Data {
        var decryptor = try AgeDecryptor(passphrase: passphrase, maxWorkFactor: maxWorkFactor)
        return try run(&decryptor, file)
    }

    /// Decrypts a file encrypted to any of `identities`.
    public static func decrypt(_ file: some DataProtocol, identities: [X25519Identity]) throws -> Data {
        var decryptor = AgeDecryptor(identities: identities)
        return try run(&decryptor, file)
    }

    private static func run(_ encryptor: inout AgeEncryptor, _ plaintext: some DataProtocol) throws -> Data {
        var output = Data()
        try encryptor.update(plaintext) { output.append($0) }
        try encryptor.finish { output.append($0) }
        return output
    }

    private static func run(_ decryptor: inout AgeDecryptor, _ file: some DataProtocol) throws -> Data {
        var output = Data()
        try decryptor.update(file) { output.append($0) }
        try decryptor.finish { output.append($0) }
        return output
    }
}
