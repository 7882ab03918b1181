import AgeEncryption
import Foundation
import Testing

/// Files written here open with the reference `age` CLI, and files it writes open here. The
/// CLI is a peer these tests need, not an option: without it they fail, saying what to install.
/// One at a time: each waits for `age` on a thread of the shared pool, and scrypt is slow.
@Suite(.serialized)
struct CLIInteropTests {
    @Test func theReferenceToolsAreInstalled() {
        #expect(CLI.isAgeInstalled, "install Debian's age (/usr/bin/age, age-keygen): scripts/test does")
        #expect(CLI.canDriveTerminal, "install util-linux's script(1) and coreutils' timeout(1): they give age a passphrase")
    }

    static let passphrase = "interop test passphrase"

    /// Makes a key pair with `age-keygen`, returning the key file and its two key strings.
    private static func keygen(in directory: URL) throws -> (file: URL, identity: String, recipient: String) {
        let keyFile = directory.appendingPathComponent("key.txt")
        let result = try CLI.run(CLI.ageKeygen, ["-o", keyFile.path])
        try #require(result.status == 0, "age-keygen failed: \(result.errors)")
        let lines = try String(contentsOf: keyFile, encoding: .utf8).split(separator: "\n")
        let identity = try #require(lines.first { $0.hasPrefix("AGE-SECRET-KEY-1") })
        let recipient = try #require(lines.first { $0.hasPrefix("# public key: ") }?.dropFirst("# public key: ".count))
        return (keyFile, String(identity), String(recipient))
    }

    @Test(arguments: [0, 200_003])
    func ageDecryptsFileForKeygenRecipient(size: Int) throws {
        try CLI.withTemporaryDirectory { directory in
            let key = try Self.keygen(in: directory)
            let plaintext = sampleBytes(count: size)
            let recipients = [try X25519Recipient(key.recipient), X25519Identity().recipient]
            let encrypted = directory.appendingPathComponent("in.age")
            try Age.encrypt(plaintext, recipients: recipients).write(to: encrypted)

            let result = try CLI.run(CLI.age, ["-d", "-i", key.file.path, encrypted.path])
            #expect(result.status == 0, "age -d failed: \(result.errors)")
            #expect(Array(result.output) == plaintext)
        }
    }

    @Test(arguments: [0, 65536, 200_003])
    func libraryDecryptsAgeFileForKeygenIdentity(size: Int) throws {
        try CLI.withTemporaryDirectory { directory in
            let key = try Self.keygen(in: directory)
            let plain = directory.appendingPathComponent("plain")
            let plaintext = sampleBytes(count: size)
            try Data(plaintext).write(to: plain)
            let encrypted = directory.appendingPathComponent("out.age")
            let result = try CLI.run(CLI.age, ["-r", key.recipient, "-o", encrypted.path, plain.path])
            try #require(result.status == 0, "age -r failed: \(result.errors)")

            let decrypted = try Age.decrypt(Data(contentsOf: encrypted), identities: [X25519Identity(key.identity)])
            #expect(Array(decrypted) == plaintext)
        }
    }

    /// An identity generated here is a valid age key file for the CLI, both ways.
    @Test func generatedIdentityWorksWithAge() throws {
        try CLI.withTemporaryDirectory { directory in
            let identity = X25519Identity()
            let keyFile = directory.appendingPathComponent("generated.txt")
            try Data((identity.secretKeyString + "\n").utf8).write(to: keyFile)
            let derived = try CLI.run(CLI.ageKeygen, ["-y", keyFile.path])
            #expect(derived.status == 0)
            #expect(derived.outputText.trimmingCharacters(in: .whitespacesAndNewlines) == identity.recipient.description)

            let plain = directory.appendingPathComponent("plain")
            try Data("to a generated key".utf8).write(to: plain)
            let encrypted = directory.appendingPathComponent("cli.age")
            let encrypt = try CLI.run(CLI.age, ["-r", identity.recipient.description, "-o", encrypted.path, plain.path])
            try #require(encrypt.status == 0, "age -r failed: \(encrypt.errors)")
            #expect(Array(try Age.decrypt(Data(contentsOf: encrypted), identities: [identity])) == Array("to a generated key".utf8))

            let ours = directory.appendingPathComponent("lib.age")
            try Age.encrypt(Array("back again".utf8), recipients: [identity.recipient]).write(to: ours)
            let decrypt = try CLI.run(CLI.age, ["-d", "-i", keyFile.path, ours.path])
            #expect(decrypt.status == 0, "age -d failed: \(decrypt.errors)")
            #expect(decrypt.outputText == "back again")
        }
    }

    /// `age -d` opens a passphrase file written here at the default work factor; the same
    /// harness with the wrong passphrase must fail, so a broken harness cannot pass.
    @Test
    func ageDecryptsLibraryPassphraseFile() throws {
        try CLI.withTemporaryDirectory { directory in
            let plaintext = sampleBytes(count: 70_001)
            let encrypted = directory.appendingPathComponent("pass.age")
            try Age.encrypt(plaintext, passphrase: Self.passphrase).write(to: encrypted)

            let output = directory.appendingPathComponent("out")
            let command = "\(CLI.age) -d -o \(CLI.shellQuoted(output.path)) \(CLI.shellQuoted(encrypted.path))"
            let result = try CLI.runInTerminal(command, typing: Self.passphrase + "\n")
            #expect(result.status == 0, "age -d failed: \(result.outputText)")
            #expect(Array(try Data(contentsOf: output)) == plaintext)

            let wrongOutput = directory.appendingPathComponent("wrong")
            let wrongCommand = "\(CLI.age) -d -o \(CLI.shellQuoted(wrongOutput.path)) \(CLI.shellQuoted(encrypted.path))"
            let wrong = try CLI.runInTerminal(wrongCommand, typing: "not the passphrase\n")
            #expect(wrong.status != 0)
            #expect(wrong.outputText.contains("incorrect passphrase"))
        }
    }

    @Test
    func libraryDecryptsAgePassphraseFile() throws {
        try CLI.withTemporaryDirectory { directory in
            let plain = directory.appendingPathComponent("plain")
            let plaintext = sampleBytes(count: 65537)
            try Data(plaintext).write(to: plain)
            let encrypted = directory.appendingPathComponent("pass.age")
            let command = "\(CLI.age) -p -o \(CLI.shellQuoted(encrypted.path)) \(CLI.shellQuoted(plain.path))"
            let result = try CLI.runInTerminal(command, typing: Self.passphrase + "\n" + Self.passphrase + "\n")
            try #require(result.status == 0, "age -p failed: \(result.outputText)")

            let file = try Data(contentsOf: encrypted)
            #expect(Array(try Age.decrypt(file, passphrase: Self.passphrase)) == plaintext)
            #expect(throws: AgeError.noMatchingIdentity) { try Age.decrypt(file, passphrase: "other") }
        }
    }
}
