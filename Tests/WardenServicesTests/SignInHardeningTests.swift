import Testing
import WardenCore
import WardenServices
import WardenTestSupport

@Suite("Hardening: signing in")
struct SignInHardeningTests {
    @Test func failuresFromOneClientDoNotLockTheAccountForEveryone() async throws {
        let test = try await TestWarden.make()
        for _ in 0..<SignInThrottle.pairLimit {
            await #expect(throws: WardenError.signInFailed) {
                _ = try await test.warden.authentication.signIn(username: "admin", password: "wrong password here", client: "10.0.0.66")
            }
        }
        // The attacker's client is refused, even with the right password…
        await #expect(throws: WardenError.tooManyAttempts) {
            _ = try await test.warden.authentication.signIn(username: "admin", password: TestWarden.password,
                                                              secondFactor: try await test.code("admin"), client: "10.0.0.66")
        }
        // …while the administrator, from their own client, still signs in.
        let signedIn = try await test.warden.authentication.signIn(username: "admin", password: TestWarden.password,
                                                                    secondFactor: try await test.code("admin"), client: "10.0.0.7")
        #expect(signedIn.actor.label == "admin")
    }

    @Test func aRightPasswordWithoutItsCodeAnswersLikeAWrongOne() async throws {
        let test = try await TestWarden.make()
        let noCode = await #expect(throws: WardenError.self) {
            _ = try await test.warden.authentication.signIn(username: "admin", password: TestWarden.password, client: "c1")
        }
        let wrongCode = await #expect(throws: WardenError.self) {
            _ = try await test.warden.authentication.signIn(username: "admin", password: TestWarden.password, secondFactor: "000000", client: "c1")
        }
        let wrongPassword = await #expect(throws: WardenError.self) {
            _ = try await test.warden.authentication.signIn(username: "admin", password: "not the password", client: "c1")
        }
        #expect(noCode == .signInFailed && wrongCode == .signInFailed && wrongPassword == .signInFailed)
    }

    @Test func newUsernamesCannotFloodTheDPOWithAlerts() async throws {
        let test = try await TestWarden.make()
        for index in 0..<60 {
            _ = try? await test.warden.authentication.signIn(username: "ghost\(index)\u{1B}[2J", password: "x", client: "10.0.0.66")
        }
        let alerts = try await test.warden.alerts.list(actor: .localOperator).filter { $0.kind == .failedSignIns }
        #expect(alerts.count <= 2)
        #expect(alerts.allSatisfy { !$0.actor.contains("\u{1B}") && !$0.detail.contains("\u{1B}") })
    }

    @Test func commonAndRepetitivePasswordsAreRefusedAndGoodOnesTaken() throws {
        for bad in ["aaaaaaaaaaaa", "password1234", "Password123!", "qwertyuiop12", "short"] {
            #expect(throws: WardenError.self, "\(bad)") { try PasswordRules.check(bad) }
        }
        for good in ["correct horse battery", "a long enough password", "tulip-Orbit-57-canal"] {
            #expect(throws: Never.self, "\(good)") { try PasswordRules.check(good) }
        }
    }

    @Test func controlAndBidiCharactersAreShownNotObeyed() {
        #expect(SafeText.line("ann\u{1B}[2Jx") == "ann\\u{1B}[2Jx")
        #expect(SafeText.line("a\nb") == "a\\u{A}b")
        #expect(SafeText.block("a\nb\u{7}") == "a\nb\\u{7}")
        #expect(SafeText.line("abc\u{202E}fed") == "abc\\u{202E}fed")
        #expect(SafeText.line("Zoë O'Neill") == "Zoë O'Neill")
    }

    @Test func changingAPasswordIsThrottledLikeSigningIn() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        try await test.account("member", .member, membershipNumber: "M1")
        let member = try await test.actor("member")
        for _ in 0..<SignInThrottle.pairLimit {
            await #expect(throws: WardenError.self) {
                try await test.warden.authentication.changePassword(current: "a wrong guess here", new: "a fresh long passphrase", actor: member, client: "c9")
            }
        }
        await #expect(throws: WardenError.tooManyAttempts) {
            try await test.warden.authentication.changePassword(current: TestWarden.password, new: "a fresh long passphrase", actor: member, client: "c9")
        }
        try await test.warden.authentication.changePassword(current: TestWarden.password, new: "a fresh long passphrase", actor: member, client: "c10")
    }
}
