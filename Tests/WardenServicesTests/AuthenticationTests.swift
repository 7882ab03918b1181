import Testing
import WardenCore
import WardenGate
import WardenServices
import WardenTestSupport

@Suite("Signing in")
struct AuthenticationTests {
    @Test func aRightPasswordGivesASessionThatResolvesUntilSignedOut() async throws {
        let test = try await TestWarden.make()
        let signedIn = try await test.signIn("admin")
        #expect(signedIn.actor.roles == [.administrator])
        guard case .signedIn(let actor, let csrf) = try await test.warden.authentication.resolve(token: signedIn.token) else {
            Issue.record("expected a signed-in session")
            return
        }
        #expect(actor.label == "admin")
        #expect(csrf == signedIn.csrfToken)
        try await test.warden.authentication.signOut(token: signedIn.token, actor: actor)
        guard case .anonymous = try await test.warden.authentication.resolve(token: signedIn.token) else {
            Issue.record("a signed-out session still resolves")
            return
        }
    }

    @Test func anUnknownUserAndAWrongPasswordFailAlikeAndAreRecorded() async throws {
        let test = try await TestWarden.make()
        let unknown = await #expect(throws: WardenError.self) {
            _ = try await test.warden.authentication.signIn(username: "nobody", password: "whatever-it-is")
        }
        let wrong = await #expect(throws: WardenError.self) {
            _ = try await test.warden.authentication.signIn(username: "admin", password: "not the password")
        }
        #expect(unknown == .signInFailed)
        #expect(wrong == .signInFailed)
        let audit = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 2)
        #expect(audit.allSatisfy { $0.action == .signIn && $0.outcome == .refused })
    }

    @Test func aForgedTokenResolvesToNobody() async throws {
        let test = try await TestWarden.make()
        guard case .anonymous = try await test.warden.authentication.resolve(token: "forged") else {
            Issue.record("a forged token resolved")
            return
        }
    }

    @Test func passwordsAreStoredAsScryptPHCStringsAndVerified() throws {
        let hasher = PasswordHasher(logRounds: 4)
        let hash = try hasher.hash("a long passphrase")
        #expect(hash.hasPrefix("$scrypt$ln=4,r=8,p=1$"))
        #expect(hasher.verify("a long passphrase", against: hash))
        #expect(!hasher.verify("a long passphrasE", against: hash))
        #expect(!hasher.verify("a long passphrase", against: "$scrypt$garbage"))
    }

    @Test func shortPasswordsAndOddUsernamesAreRefused() async throws {
        let test = try await TestWarden.make()
        await #expect(throws: WardenError.self) {
            _ = try await test.warden.accounts.create(username: "ok-name", password: "short", grants: [], actor: .localOperator)
        }
        await #expect(throws: WardenError.self) {
            _ = try await test.warden.accounts.create(username: "a b", password: "long enough password", grants: [], actor: .localOperator)
        }
    }

    @Test func theKeyRingLivesOutsideTheDatabaseAndOnlyItsOwnerCanReadIt() async throws {
        let test = try await TestWarden.make()
        let path = test.warden.configuration.keyRingPath
        #expect(path != test.warden.configuration.databasePath)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: WardenError.self) { _ = try KeyRing.load(from: path) }
    }
}

import Foundation
