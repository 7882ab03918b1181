import Crypto
import Foundation
public import WardenCore
import WardenStore

/// Envelope encryption of special category data.
///
/// Each person has one random 256-bit data key. It is stored only wrapped (AES-GCM) by a
/// key-encryption key from the key ring, which never enters the database; the person's
/// answers are sealed (AES-GCM) under the data key with the contact's identity and the
/// person as associated data, so a ciphertext moved to another row or person will not open.
/// Rotating the key-encryption key rewraps data keys without touching the answers, and
/// destroying a person's data key later erases every answer they gave (crypto-shredding).
public struct Envelope: Sendable {
    let keys: KeyRingSource
    /// People erased: their data keys are never opened, even from an older copy of the
    /// database that still holds them wrapped under a key the ring has.
    let erasures: ErasureLedger

    public init(keys: KeyRingSource, erasures: ErasureLedger) {
        self.keys = keys
        self.erasures = erasures
    }

    /// What the wrapping of a person's data key is bound to.
    public static func keyContext(_ person: PersonID) -> String { "warden/person-key/1 person=\(person.rawValue)" }

    /// What a contact's sealed answers are bound to.
    static func answersContext(uid: String, person: PersonID) -> String { "warden/canvass/1 contact=\(uid) person=\(person.rawValue)" }

    /// Seals `answers` under the person's data key, making (and wrapping) the key when the
    /// person has none yet.
    func seal(_ answers: SurveyAnswers, uid: String, person: PersonID, key existing: WrappedDataKey?) throws -> SealedAnswers {
        let dataKey: SymmetricKey
        var newKey: (kekVersion: Int, wrapped: [UInt8])?
        if let existing {
            dataKey = try unwrap(existing)
        } else {
            dataKey = SymmetricKey(size: .bits256)
            let wrapped = try keys.seal(dataKey.withUnsafeBytes { Array($0) }, context: Self.keyContext(person))
            newKey = (SealedValue.keyVersion(of: wrapped), wrapped)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let plaintext = try encoder.encode(answers)
        let box = try AES.GCM.seal(plaintext, using: dataKey, authenticating: Array(Self.answersContext(uid: uid, person: person).utf8))
        guard let combined = box.combined else { throw WardenError.invalidRequest("sealing failed") }
        return SealedAnswers(ciphertext: Array(combined), newKey: newKey)
    }

    /// Opens a contact's answers; `nil` when it has none.
    func open(_ contact: SealedCanvassContact) throws -> SurveyAnswers? {
        guard let sealed = contact.sealedAnswers else { return nil }
        guard let wrapped = contact.wrappedKey else {
            throw WardenError.notFound("the data key for contact \(contact.id) is gone; its answers cannot be opened")
        }
        let box = try AES.GCM.SealedBox(combined: sealed)
        let plaintext = try AES.GCM.open(box, using: try unwrap(wrapped),
                                         authenticating: Array(Self.answersContext(uid: contact.uid, person: contact.personID).utf8))
        return try JSONDecoder().decode(SurveyAnswers.self, from: plaintext)
    }

    private func unwrap(_ key: WrappedDataKey) throws -> SymmetricKey {
        if let erasure = try erasures.erasure(of: key.personID) {
            throw WardenError.notFound("person \(key.personID) was erased (erasure \(erasure)); their data key is destroyed")
        }
        return SymmetricKey(data: try keys.open(key.wrapped, context: Self.keyContext(key.personID)))
    }
}
