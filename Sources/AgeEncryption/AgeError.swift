/// Everything that can go wrong while encrypting or decrypting an age file.
///
/// Cases carry only counts, positions and fixed names, never key material, passphrases or
/// plaintext, so an error can be logged or shown to a user as it is. Errors thrown by a
/// caller's output closure are passed through unchanged instead.
public enum AgeError: Error, Equatable, Sendable, CustomStringConvertible {
    // MARK: Arguments

    /// Encryption was asked for with an empty list of recipients.
    case noRecipients
    /// An empty passphrase was given; age has no meaningful empty passphrase.
    case emptyPassphrase
    /// An scrypt work factor (log₂ N) outside `1...Age.maxScryptWorkFactor` was asked for.
    case invalidWorkFactor(Int)
    /// A string is not an `age1…` X25519 recipient.
    case invalidRecipient
    /// A string is not an `AGE-SECRET-KEY-1…` X25519 identity. Its text is not repeated.
    case invalidIdentity
    /// An encryptor or decryptor was used after `finish()` or after it had thrown.
    case alreadyFinished

    // MARK: Header

    /// The input ended before the end of the header.
    case truncatedHeader
    /// The header grew past ``Age/maxHeaderSize`` without ending.
    case headerTooLarge
    /// The first line names a version of age other than v1.
    case unsupportedVersion
    /// Header line `line` (1-based) breaks the header grammar or is not canonical.
    case malformedHeader(line: Int)
    /// A stanza of a kind this library implements (`X25519` or `scrypt`) has the wrong
    /// arguments or a body of the wrong length.
    case malformedStanza(type: String)
    /// An X25519 stanza's ephemeral share is a low-order point (the shared secret is zero).
    case lowOrderShare
    /// The file has an scrypt stanza alongside other stanzas, which the spec forbids: a
    /// passphrase file must not also be openable by someone else's key.
    case scryptStanzaNotAlone
    /// The scrypt work factor in the file exceeds the decrypter's limit.
    case workFactorTooHigh(found: Int, limit: Int)
    /// The scrypt key derivation itself failed (typically: not enough memory).
    case keyDerivationFailed
    /// No stanza could be opened with the identities or passphrase given.
    case noMatchingIdentity
    /// The header's MAC does not verify: the header was altered.
    case headerMACMismatch

    // MARK: Payload

    /// The file ends before the 16-byte payload nonce that follows the header.
    case missingPayloadNonce
    /// The payload ended before a chunk marked final.
    case truncatedPayload
    /// Payload chunk `chunk` (0-based) failed authentication: it was altered or damaged.
    case payloadAuthenticationFailed(chunk: Int)
    /// The final chunk is empty although earlier chunks exist, which the spec forbids.
    case emptyFinalChunk
    /// Bytes follow the final payload chunk.
    case trailingData

    public var description: String {
        switch self {
        case .noRecipients: "age: no recipients to encrypt to"
        case .emptyPassphrase: "age: the passphrase is empty"
        case .invalidWorkFactor(let value):
            "age: scrypt work factor \(value) is outside 1...\(Age.maxScryptWorkFactor)"
        case .invalidRecipient: "age: not an age1… X25519 recipient"
        case .invalidIdentity: "age: not an AGE-SECRET-KEY-1… X25519 identity"
        case .alreadyFinished: "age: the stream was already finished or failed"
        case .truncatedHeader: "age: the file ends inside its header"
        case .headerTooLarge: "age: the header is larger than \(Age.maxHeaderSize) bytes"
        case .unsupportedVersion: "age: not an age v1 file"
        case .malformedHeader(let line): "age: malformed header at line \(line)"
        case .malformedStanza(let type): "age: malformed \(type) stanza"
        case .lowOrderShare: "age: X25519 stanza has a low-order ephemeral share"
        case .scryptStanzaNotAlone: "age: an scrypt stanza must be the only stanza in the header"
        case .workFactorTooHigh(let found, let limit):
            "age: scrypt work factor \(found) is above the limit of \(limit)"
        case .keyDerivationFailed: "age: scrypt key derivation failed"
        case .noMatchingIdentity: "age: no identity or passphrase matches this file"
        case .headerMACMismatch: "age: the header MAC does not verify"
        case .missingPayloadNonce: "age: the file ends before the payload nonce"
        case .truncatedPayload: "age: the payload is truncated"
        case .payloadAuthenticationFailed(let chunk): "age: payload chunk \(chunk) failed authentication"
        case .emptyFinalChunk: "age: the final payload chunk is empty"
        case .trailingData: "age: data follows the end of the payload"
        }
    }
}
