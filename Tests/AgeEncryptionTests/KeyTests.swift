import AgeEncryption
import Testing

/// The `age1…` / `AGE-SECRET-KEY-1…` key strings and identity generation.
struct KeyTests {
    /// The testkit's identity, and its recipient as computed by `age-keygen -y`.
    static let knownIdentity = "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0"
    static let knownRecipient = "age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef"

    @Test func knownIdentityMatchesAgeKeygen() throws {
        let identity = try X25519Identity(Self.knownIdentity)
        #expect(identity.secretKeyString == Self.knownIdentity)
        #expect(identity.recipient.description == Self.knownRecipient)
        #expect(try X25519Recipient(Self.knownRecipient) == identity.recipient)
    }

    @Test func generatedIdentitiesRoundTrip() throws {
        let identity = X25519Identity()
        let secret = identity.secretKeyString
        #expect(secret.hasPrefix("AGE-SECRET-KEY-1"))
        #expect(secret == secret.uppercased())
        #expect(secret.count == 74)
        let recipient = identity.recipient.description
        #expect(recipient.hasPrefix("age1"))
        #expect(recipient.count == 62)
        #expect(try X25519Identity(secret).recipient == identity.recipient)
        #expect(try X25519Recipient(recipient) == identity.recipient)
        #expect(X25519Identity().secretKeyString != secret)
    }

    @Test func identityDescriptionsHideTheSecret() {
        let identity = X25519Identity()
        let secretData = String(identity.secretKeyString.dropFirst("AGE-SECRET-KEY-1".count).prefix(20))
        for text in ["\(identity)", String(reflecting: identity), "\([identity])"] {
            #expect(!text.uppercased().contains(secretData))
            #expect(text.contains(identity.recipient.description))
        }
    }

    @Test(arguments: [
        "",
        "age1",
        String(KeyTests.knownRecipient.dropLast()) + "q",                  // bad checksum
        KeyTests.knownRecipient.uppercased(),                             // age writes recipients in lowercase
        "Age1" + KeyTests.knownRecipient.dropFirst(4),                    // mixed case
        KeyTests.knownIdentity,                                           // a secret key is not a recipient
        "age1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5z5tpwxqergd3c8g7ru28p0lr",   // 31 bytes
        "age1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5z5tpwxqergd3c8g7ruszzxrc4t3", // 33 bytes
        " " + KeyTests.knownRecipient,
    ])
    func invalidRecipientsAreRejected(text: String) {
        #expect(throws: AgeError.invalidRecipient) { try X25519Recipient(text) }
    }

    @Test(arguments: [
        "",
        KeyTests.knownRecipient,                                          // a recipient is not a secret key
        KeyTests.knownIdentity.lowercased(),                              // age-keygen writes uppercase
        String(KeyTests.knownIdentity.dropLast()) + "Q",                  // bad checksum
        "AGE-SECRET-KEY-PQ-1HZLGZUPT4ETPKDEV8HSGFDCYZ4E522W0A7PU2LHT8EH9W6YLNC3SW78XKG", // hybrid: not implemented
    ])
    func invalidIdentitiesAreRejected(text: String) {
        let error = ageError { _ = try X25519Identity(text) }
        #expect(error == .invalidIdentity)
        #expect(error.map { text.isEmpty || !$0.description.contains(text) } == true)
    }
}
