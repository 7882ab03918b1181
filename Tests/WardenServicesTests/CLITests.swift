import Foundation
import Testing
import WardenCore
import WardenTestSupport

/// The `warden` executable, run as a user would run it.
@Suite("Command line")
struct CLITests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// The `warden` binary built beside this test bundle.
    static var binary: URL { ServerProcess.binary }

    /// Runs `warden` with `arguments` in `directory`, on the SQLite file there by default or on
    /// `database` (as `WARDEN_DB`).
    func warden(_ arguments: [String], in directory: URL, database: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["WARDEN_ADMIN_PASSWORD"] = "a long enough password"
        environment["WARDEN_PASSWORD"] = "another long password"
        environment["WARDEN_DB"] = database
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                   errors: String(decoding: err, as: UTF8.self))
    }

    /// Imports one ward with polling district AA and Ann Lee on its register, as a user would.
    func importSmallParty(in directory: URL, database: String? = nil) throws {
        try "level,code,name,parent\nnation,E,England,\nregion,R,R,E\nconstituency,C,C,R\nward,W,W,C\npolling_district,AA,AA,W\n"
            .write(to: directory.appendingPathComponent("areas.csv"), atomically: true, encoding: .utf8)
        #expect(try warden(["import", "areas", "areas.csv"], in: directory, database: database).status == 0)
        try "Elector Number Prefix,Elector Number,Elector Surname,Elector Forename,PostCode,Address1\nAA,1,Lee,Ann,TN1 1AA,1 Mill Lane\n"
            .write(to: directory.appendingPathComponent("register.csv"), atomically: true, encoding: .utf8)
        #expect(try warden(["import", "register", "register.csv"], in: directory, database: database).status == 0)
    }

    func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warden-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func everyCommandHasHelp() throws {
        let directory = try scratch()
        for command in [[], ["init"], ["serve"], ["demo"], ["import"], ["import", "register"], ["import", "members"], ["import", "areas"],
                        ["account"], ["account", "create"], ["account", "totp"], ["grant"], ["grant", "create"], ["grant", "approve"],
                        ["access"], ["access", "revoke"], ["access", "report"], ["access", "alerts"],
                        ["verify"], ["log"], ["log", "checkpoint"], ["log", "key"], ["audit"], ["audit", "changes"],
                        ["audit", "person"], ["audit", "contacts"], ["rollback"], ["outbox"], ["outbox", "deliver"], ["outbox", "status"], ["outbox", "dkim-record"],
                        ["erase"], ["erase", "request"], ["erase", "list"], ["erase", "refuse"], ["erase", "reapply"], ["keys", "retire"],
                        ["retention"], ["retention", "plan"], ["retention", "run"], ["incident"], ["incident", "open"], ["incident", "show"],
                        ["incident", "report"], ["incident", "phase"], ["incident", "notice"], ["incident", "notify"],
                        ["export"], ["export", "request"], ["export", "list"], ["export", "show"], ["export", "file"], ["export", "trace"],
                        ["export", "settings"], ["import", "payments"], ["member", "dues-rules"], ["member", "apply-dues-rules"],
                        ["campaign", "survey"], ["ballot"], ["ballot", "count"], ["ballot", "create"], ["ballot", "list"], ["ballot", "show"],
                        ["ballot", "trustee-key"], ["ballot", "freeze"], ["ballot", "issue"], ["ballot", "void"], ["ballot", "cast"],
                        ["ballot", "register"], ["ballot", "held"], ["ballot", "answer-held"], ["ballot", "share-file"], ["ballot", "share"],
                        ["ballot", "declare"], ["ballot", "result"], ["mailing"], ["mailing", "write"], ["mailing", "list"], ["mailing", "preview"],
                        ["mailing", "submit"], ["mailing", "send"], ["mailing", "withdraw"], ["suppression"], ["suppression", "counts"],
                        ["suppression", "add"], ["suppression", "look-up"], ["suppression", "export"], ["suppression", "import"], ["suppression", "report"],
                        ["volunteer"], ["volunteer", "list"], ["volunteer", "add"], ["volunteer", "move"], ["volunteer", "accounts"], ["volunteer", "open-account"],
                        ["volunteer", "decline-account"], ["event"], ["event", "list"], ["event", "create"], ["event", "show"]] {
            let run = try warden(command + ["--help"], in: directory)
            #expect(run.status == 0, "\(command)")
            #expect(run.output.contains("USAGE"), "\(command)")
        }
    }

    /// `warden ballot count` counts any BLT file and prints its transcript, as text or JSON;
    /// a file that is not BLT gets a clear error naming its line.
    @Test func aBLTFileIsCountedWithItsTranscript() throws {
        let directory = try scratch()
        try "4 2\n40 1 2 0\n25 2 0\n20 3 0\n15 4 3 0\n0\n\"Ann\"\n\"Bob\"\n\"Cat\"\n\"Dan\"\n\"Ward 1\"\n"
            .write(to: directory.appendingPathComponent("ward.blt"), atomically: true, encoding: .utf8)
        let text = try warden(["ballot", "count", "ward.blt"], in: directory)
        #expect(text.status == 0, "\(text.errors)")
        #expect(text.output.contains("Quota: 34.00000") && text.output.contains("Elected: Ann; Cat"), "\(text.output)")
        let json = try warden(["ballot", "count", "ward.blt", "--json"], in: directory)
        #expect(json.status == 0 && json.output.contains(#""elected" : ["#), "\(json.output)")
        try "not a ballot file\n".write(to: directory.appendingPathComponent("bad.blt"), atomically: true, encoding: .utf8)
        let bad = try warden(["ballot", "count", "bad.blt"], in: directory)
        #expect(bad.status != 0 && bad.errors.contains("bad.blt:1:"), "\(bad.errors)")
    }

    /// A ballot from the command line: set up, trustees' age keys (from
    /// Debian's `age-keygen`), the freeze, credentials in person, votes, and after the close two
    /// trustees' shares, opened with Debian's `age -d`, open the key for the count; its BLT
    /// recounts to the same winner.
    @Test func aBallotIsRunFromTheCommandLineAndItsSharesOpenWithAge() throws {
        let directory = try scratch()
        #expect(try warden(["init"], in: directory).status == 0)
        try importSmallParty(in: directory)
        try """
            Membership Number,First Name,Surname,Email,Address 1,Postcode,Status,Joined,Branch
            M1,Ann,Lee,ann@example.org,1 Mill Lane,TN1 1AA,Active,2020-01-01,W
            M2,Bob,Day,bob@example.org,2 Mill Lane,TN1 1AA,Active,2020-01-01,W
            M3,Cy,Ng,cy@example.org,3 Mill Lane,TN1 1AA,Active,2020-01-01,W
            """.write(to: directory.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        #expect(try warden(["import", "members", "members.csv"], in: directory).status == 0)
        var recipients: [String] = []
        for (index, name) in ["returning", "scrutineer1", "scrutineer2"].enumerated() {
            #expect(try warden(["account", "create", name], in: directory).status == 0)
            let key = directory.appendingPathComponent("key\(index).txt").path
            #expect(try Command.run("/usr/bin/age-keygen", ["-o", key]).status == 0)
            recipients.append(try Command.run("/usr/bin/age-keygen", ["-y", key]).output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let now = Timestamp.now
        let opens = now.adding(seconds: 3_600), closes = now.adding(seconds: 7_200)
        // The ballot's clock moved on as the database holds it, so the test never waits for it.
        func move(_ field: String, to instant: Timestamp) throws {
            #expect(try Command.run("/usr/bin/sqlite3", [directory.appendingPathComponent("warden.sqlite").path,
                                                         "UPDATE ballot SET setup = json_set(setup, '$.\(field)', '\(instant)')"]).status == 0)
        }
        let created = try warden(["ballot", "create", "--title", "Ward selection", "--area", "W", "--candidate", "Ada", "--candidate", "Ben",
                                  "--reopen-nominations", "--joined-by", "2025-01-01", "--channel", "in_person", "--freeze", now.description,
                                  "--opens", opens.description, "--closes", closes.description, "--returning-officer", "returning",
                                  "--scrutineer", "scrutineer1", "--scrutineer", "scrutineer2"], in: directory)
        #expect(created.status == 0 && created.output.contains("ballot 1 set up"), "\(created.errors)")
        for (name, recipient) in zip(["returning", "scrutineer1", "scrutineer2"], recipients) {
            #expect(try warden(["ballot", "trustee-key", "1", "--trustee", name, "--recipient", recipient], in: directory).status == 0)
        }
        let frozen = try warden(["ballot", "freeze", "1"], in: directory)
        #expect(frozen.status == 0 && frozen.output.contains("3 voters"), "\(frozen.errors)")
        #expect(try warden(["ballot", "show", "1"], in: directory).output.contains("3. Re-open nominations"))
        var credentials: [String] = []
        for number in ["M1", "M2", "M3"] {
            let issued = try warden(["ballot", "issue", "1", "--member", number, "--channel", "in_person"], in: directory)
            credentials.append(try #require(issued.output.split(separator: "\n").first { $0.hasPrefix("credential: ") }).dropFirst(12).description)
        }
        try move("opensAt", to: Timestamp.now.adding(seconds: -1))
        for (credential, ranking) in zip(credentials, ["2,1", "2", "1,3"]) {
            let cast = try warden(["ballot", "cast", "1", "--credential", credential, "--ranking", ranking], in: directory)
            #expect(cast.status == 0 && cast.output.contains("tracker"), "\(cast.errors)")
        }
        #expect(try warden(["ballot", "register", "1"], in: directory).output.contains("3 voters; 3 voted"))
        try move("closesAt", to: Timestamp.now.adding(seconds: -1))
        for (index, name) in [(0, "returning"), (2, "scrutineer2")] {
            #expect(try warden(["ballot", "share-file", "1", "--trustee", name, "--out", "share\(index).age"], in: directory).status == 0)
            let opened = try Command.run("/usr/bin/age", ["-d", "-i", directory.appendingPathComponent("key\(index).txt").path,
                                                          "-o", directory.appendingPathComponent("share\(index).txt").path,
                                                          directory.appendingPathComponent("share\(index).age").path])
            #expect(opened.status == 0, "\(opened.output)")
            #expect(try warden(["ballot", "share", "1", "--trustee", name, "--file", "share\(index).txt"], in: directory).status == 0)
        }
        let declared = try warden(["ballot", "declare", "1"], in: directory)
        #expect(declared.status == 0 && declared.output.contains("Elected: Ben") && declared.output.contains("they agree"), "\(declared.output) \(declared.errors)")
        let result = try warden(["ballot", "result", "1", "--blt", "ward.blt"], in: directory)
        let recount = try #require(result.output.split(separator: "\n").first { $0.contains("recount with: ") }).components(separatedBy: "recount with: warden ")[1]
        let again = try warden(recount.split(separator: " ").map(String.init), in: directory)
        #expect(again.status == 0 && again.output.contains("Elected: Ben"), "\(again.output)")
    }

    /// Volunteers from the command line: a list filtered by skill, a clear error for a skill
    /// that is not one, and an account nobody asked for cannot be opened.
    @Test func volunteersFromTheCommandLine() throws {
        let directory = try scratch()
        #expect(try warden(["init"], in: directory).status == 0)
        try importSmallParty(in: directory)
        let empty = try warden(["volunteer", "list", "--skill", "driving"], in: directory)
        #expect(empty.status == 0 && empty.output.contains("no volunteers"), "\(empty.output)")
        let wrong = try warden(["volunteer", "list", "--skill", "juggling"], in: directory)
        #expect(wrong.status != 0 && wrong.errors.contains("--skill"), "\(wrong.errors)")
        #expect(try warden(["volunteer", "accounts"], in: directory).output.contains("no canvasser accounts asked for"))
        let nobody = try warden(["volunteer", "open-account", "nobody"], in: directory)
        #expect(nobody.status != 0 && nobody.errors.contains("no volunteer's account was asked for as nobody"), "\(nobody.errors)")
    }

    /// `warden erase PERSON --reason …` asks; the command line is never the second person, so
    /// the request waits; the ledger and the database agree; the only key cannot be retired.
    /// A mailing from the command line: written from a file, counted with its sample, sent;
    /// the suppression list takes objections, exports hashes only, and imports all or nothing.
    @Test func aMailingAndTheSuppressionListFromTheCommandLine() throws {
        let directory = try scratch()
        #expect(try warden(["init"], in: directory).status == 0)
        try importSmallParty(in: directory)
        try """
            Membership Number,First Name,Surname,Email,Email Consent,Address 1,Postcode,Status,Joined,Branch
            M1,Ann,Lee,ann@example.org,yes,1 Mill Lane,TN1 1AA,Active,2020-01-01,W
            M2,Bob,Day,bob@example.org,yes,2 Mill Lane,TN1 1AA,Active,2020-01-01,W
            M3,Cy,Ng,cy@example.org,no,3 Mill Lane,TN1 1AA,Active,2020-01-01,W
            """.write(to: directory.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        #expect(try warden(["import", "members", "members.csv"], in: directory).status == 0)
        try "Dear {{first_name}},\n\nThe street stall is on Saturday.\n".write(to: directory.appendingPathComponent("body.md"), atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["suppression", "add", "--note", "by phone"]
        process.currentDirectoryURL = directory
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("BOB@example.org\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("1 added"))

        let written = try warden(["mailing", "write", "--area", "W", "--mail-class", "campaigning", "--subject", "Street stall", "--body", "body.md"], in: directory)
        #expect(written.status == 0 && written.output.contains("mailing 1 saved as a draft"))
        let preview = try warden(["mailing", "preview", "1"], in: directory)
        #expect(preview.output.contains("3 people; 1 emails would be queued now") && preview.output.contains("1 without consent, 1 suppressed"))
        #expect(preview.output.contains("Dear Sam,") && !preview.output.contains("@example.org"))
        #expect(try warden(["mailing", "submit", "1"], in: directory).output.contains("approved"))
        #expect(try warden(["mailing", "send", "1"], in: directory).output.contains("1 emails queued for 3 people"))
        #expect(try warden(["mailing", "list"], in: directory).output.contains("mailing 1: Street stall; campaigning to members"))

        #expect(try warden(["suppression", "look-up", "bob@example.org"], in: directory).output.contains("objected to direct marketing (staff: operator"))
        let export = try warden(["suppression", "export", "--to", "list.csv"], in: directory)
        #expect(export.output.contains("list.csv: 1 entries"))
        let exported = try String(contentsOf: directory.appendingPathComponent("list.csv"), encoding: .utf8)
        #expect(!exported.contains("@") && exported.contains("\"objected\""))
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("list.csv").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        try "email,reason\ncy@example.org,bounce\nnobody\n".write(to: directory.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let bad = try warden(["suppression", "import", "bad.csv"], in: directory)
        #expect(bad.status != 0 && bad.errors.contains("bad.csv:3: email") && !bad.errors.contains("nobody"))
        #expect(try warden(["suppression", "look-up", "cy@example.org"], in: directory).output.contains("not on the list"))
    }

    /// An event from the command line: made, listed and shown in numbers; a bad one names its field.
    @Test func anEventFromTheCommandLine() throws {
        let directory = try scratch()
        #expect(try warden(["init"], in: directory).status == 0)
        try importSmallParty(in: directory)
        let made = try warden(["event", "create", "--title", "Street stall", "--place", "Market Square", "--area", "W", "--starts", "2030-06-01T10:00:00Z",
                               "--ends", "2030-06-01T12:00:00Z", "--capacity", "20"], in: directory)
        #expect(made.status == 0 && made.output.contains("event 1 made; its public page is /events/1"), "\(made.output)")
        #expect(try warden(["event", "list"], in: directory).output.contains("event 1: Street stall, 2030-06-01T10:00:00Z; 0 going of 20, 0 waiting"))
        #expect(try warden(["event", "show", "1"], in: directory).output.contains("capacity 20; going 0; waiting 0; attended 0"))
        let bad = try warden(["event", "create", "--title", "x", "--place", "y", "--area", "W", "--starts", "2030-06-01T10:00:00Z",
                              "--ends", "2030-06-01T09:00:00Z", "--capacity", "20"], in: directory)
        #expect(bad.status != 0 && bad.errors.contains("ends: not after the start"), "\(bad.errors)")
    }

    @Test func erasureIsAskedForOnTheCommandLineAndWaits() throws {
        let directory = try scratch()
        #expect(try warden(["init"], in: directory).status == 0)
        try importSmallParty(in: directory)
        #expect(try warden(["erase", "1"], in: directory).status != 0)
        let asked = try warden(["erase", "1", "--reason", "letter of 1 December"], in: directory)
        #expect(asked.status == 0 && asked.output.contains("erasure 1 asked for"), "\(asked.errors)")
        #expect(try warden(["erase", "list"], in: directory).output.contains("erasure 1 (request): awaiting approval; 1 person"))
        let unknown = try warden(["erase", "99", "--reason", "x"], in: directory)
        #expect(unknown.status != 0 && unknown.errors.contains("person 99: no such person"))
        #expect(try warden(["erase", "reapply"], in: directory).output.contains("the database and the erasure ledger agree"))
        let retire = try warden(["keys", "retire", "1"], in: directory)
        #expect(retire.status != 0 && retire.errors.contains("is the newest"))
        #expect(try warden(["erase", "refuse", "1", "--reason", "a claim is pending"], in: directory).output.contains("erasure 1 refused"))
    }

    /// An incident opened, assessed and reported from the command line; one with no bounds
    /// says what it needs. The retention plan prints its lines.
    @Test func incidentsAndRetentionOnTheCommandLine() throws {
        let directory = try scratch()
        #expect(try warden(["init"], in: directory).status == 0)
        try importSmallParty(in: directory)
        let unbounded = try warden(["incident", "open", "--title", "Something"], in: directory)
        #expect(unbounded.status != 0 && unbounded.errors.contains("scope: bound the incident"))
        let opened = try warden(["incident", "open", "--title", "Sheets left on a train", "--area", "W"], in: directory)
        #expect(opened.status == 0 && opened.output.contains("incident 1 opened; report to the ICO due by"), "\(opened.errors)")
        let shown = try warden(["incident", "show", "1"], in: directory)
        #expect(shown.output.contains("people affected: 1") && shown.output.contains("held: 1"), "\(shown.output)")
        #expect(try warden(["incident", "report", "1"], in: directory).output.contains("Personal data breach report (UK GDPR Art. 33)"))
        #expect(try warden(["incident", "phase", "1", "--nature", "n", "--consequences", "c", "--measures", "m"], in: directory)
            .output.contains("phase 1 of the report written"))
        let plan = try warden(["retention", "plan"], in: directory)
        #expect(plan.status == 0 && plan.output.contains("due now: 0 people's data"), "\(plan.output)")
    }

    /// An export asked for on the command line waits for the DPO; its settings print and a bad
    /// set is refused by field; a file that matches no export says so.
    @Test func exportsAreAskedForAndTracedOnTheCommandLine() throws {
        let directory = try scratch()
        #expect(try warden(["init"], in: directory).status == 0)
        try importSmallParty(in: directory)
        let asked = try warden(["export", "request", "--purpose", "leaflet_delivery", "--fields", "name,address", "--area", "W",
                                "--recipient", "Mailing house", "--recipient-email", "leaflets@example.org"], in: directory)
        #expect(asked.status == 0 && asked.output.contains("export 1: requested") && asked.output.contains("waiting for the data protection officer"),
                "\(asked.errors)")
        let both = try warden(["export", "request", "--purpose", "leaflet_delivery", "--fields", "name", "--area", "W", "--recipient", "x"], in: directory)
        #expect(both.status != 0 && both.errors.contains("--recipient-key, --recipient-email: give exactly one"))
        let extra = try warden(["export", "request", "--purpose", "leaflet_delivery", "--fields", "name,phone", "--area", "W",
                                "--recipient", "x", "--recipient-email", "x@example.org"], in: directory)
        #expect(extra.status != 0 && extra.errors.contains("fields: phone is not needed for leaflet delivery"))
        #expect(try warden(["export", "list"], in: directory).output.contains("1\trequested\tleaflet_delivery\t1 people\tto Mailing house"))
        let file = try warden(["export", "file", "1", "--to", "out.age"], in: directory)
        #expect(file.status != 0 && file.errors.contains("goes by one-time link"))
        let settings = try warden(["export", "settings"], in: directory)
        #expect(settings.status == 0 && settings.output.contains("\"leaflet_delivery\""))
        try settings.output.replacingOccurrences(of: "\"fileHours\" : 24", with: "\"fileHours\" : 999")
            .write(to: directory.appendingPathComponent("settings.json"), atomically: true, encoding: .utf8)
        let badSet = try warden(["export", "settings", "--set", "settings.json"], in: directory)
        #expect(badSet.status != 0 && badSet.errors.contains("fileHours: from 1 to 168"), "\(badSet.errors)")
        try "Name,Town\nNobody Here,Nowhere\n".write(to: directory.appendingPathComponent("leak.csv"), atomically: true, encoding: .utf8)
        let traced = try warden(["export", "trace", "leak.csv"], in: directory)
        #expect(traced.status == 0 && traced.output.contains("no row of the file matches any export's values"), "\(traced.errors)")
    }

    @Test func initThenImportRefusesABrokenFileAndTakesAGoodOne() throws {
        let directory = try scratch()
        let created = try warden(["init"], in: directory)
        #expect(created.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("warden.keyring").path))
        #expect(try warden(["init"], in: directory).status != 0)

        try "level,code,name,parent\nnation,E,England,\nregion,R,R,E\nconstituency,C,C,R\nward,W,W,C\npolling_district,AA,AA,W\n"
            .write(to: directory.appendingPathComponent("areas.csv"), atomically: true, encoding: .utf8)
        #expect(try warden(["import", "areas", "areas.csv"], in: directory).status == 0)

        let header = "Elector Number Prefix,Elector Number,Elector Surname,Elector Forename,PostCode,Address1\n"
        try (header + "AA,1,Lee,Ann,TN1 1AA,1 Mill Lane\nAA,two,Lee,Bob,TN1 1AA,1 Mill Lane\nAA,3,,Cat,TN1 1AA,2 Mill Lane\n")
            .write(to: directory.appendingPathComponent("broken.csv"), atomically: true, encoding: .utf8)
        let broken = try warden(["import", "register", "broken.csv"], in: directory)
        #expect(broken.status != 0)
        #expect(broken.errors.contains("broken.csv:3: Elector Number: not a whole number"))
        #expect(broken.errors.contains("broken.csv:4: Elector Surname: missing"))
        #expect(broken.errors.contains("nothing was imported"))
        #expect(!broken.errors.contains("Cat"))

        try (header + "AA,1,Lee,Ann,TN1 1AA,1 Mill Lane\nAA,2,Lee,Bob,TN1 1AA,1 Mill Lane\n")
            .write(to: directory.appendingPathComponent("good.csv"), atomically: true, encoding: .utf8)
        let dry = try warden(["import", "register", "good.csv", "--dry-run", "--json"], in: directory)
        #expect(dry.status == 0)
        #expect(dry.output.contains("\"dryRun\" : true"))
        let good = try warden(["import", "register", "good.csv"], in: directory)
        #expect(good.status == 0)
        #expect(good.output.contains("added 2"))
        let again = try warden(["import", "register", "good.csv"], in: directory)
        #expect(again.output.contains("unchanged 2"))
    }

    @Test func grantsAreGivenListedRevokedAndElevatedOnesWaitForASecondPerson() throws {
        let directory = try scratch()
        #expect(try warden(["init"], in: directory).status == 0)
        #expect(try warden(["account", "create", "ann"], in: directory).status == 0)
        try importSmallParty(in: directory)
        // A grant that reads people names its area; an unknown one is refused, not a crash.
        let noArea = try warden(["grant", "create", "--account", "ann", "--role", "organiser", "--reason", "ward work"], in: directory)
        #expect(noArea.status != 0 && noArea.errors.contains("area"))
        let unknown = try warden(["grant", "create", "--account", "ann", "--role", "organiser", "--area", "NOPE", "--reason", "x"], in: directory)
        #expect(unknown.status != 0)
        let organiser = try warden(["grant", "create", "--account", "ann", "--role", "organiser", "--area", "W", "--reason", "ward work", "--json"], in: directory)
        #expect(organiser.status == 0)
        let grant = try JSONSerialization.jsonObject(with: Data(organiser.output.utf8)) as? [String: Any]
        let id = try #require(grant?["id"] as? Int)
        #expect(grant?["needsApproval"] as? Bool == false)
        #expect(try warden(["grant", "list"], in: directory).output.contains("ann\torganiser"))
        let revoked = try warden(["grant", "revoke", String(id), "--json"], in: directory)
        #expect(revoked.output.contains(#""outcome" : "revoked""#))

        let elevated = try warden(["grant", "create", "--account", "ann", "--role", "data_protection_officer", "--area", "E", "--reason", "new DPO"], in: directory)
        #expect(elevated.output.contains("awaiting a second person's approval"))
        let pendingID = try #require(elevated.output.split(separator: ":").first?.split(separator: " ").last.map(String.init))
        let selfApproval = try warden(["grant", "approve", pendingID], in: directory)
        #expect(selfApproval.status != 0)
        #expect(selfApproval.errors.contains("second person"))
        #expect(try warden(["access", "revoke", "ann"], in: directory).status == 0)
        #expect(try warden(["access", "report", "--json"], in: directory).status == 0)
        #expect(try warden(["account", "code", "admin"], in: directory).output.count == 7)  // six digits and a newline
    }

    @Test func verifyNamesAFieldEditedWithSqlite3AndExitsNonZero() throws {
        let directory = try scratch()
        #expect(try warden(["init", "--origin", "party.example/audit"], in: directory).status == 0)
        try importSmallParty(in: directory)
        let checkpoint = try warden(["log", "checkpoint"], in: directory)
        #expect(checkpoint.output.hasPrefix("party.example/audit\n"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("warden.witness/latest").path))
        let intact = try warden(["verify"], in: directory)
        #expect(intact.status == 0)
        #expect(intact.output.contains("intact"))

        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [directory.appendingPathComponent("warden.sqlite").path, "UPDATE person SET surname = 'Leigh'"]
        try sqlite.run()
        sqlite.waitUntilExit()
        let tampered = try warden(["verify"], in: directory)
        #expect(tampered.status == 2)
        #expect(tampered.output.contains("TAMPERED: person 1: surname differ from the last version (changed outside Warden)"))
        #expect(!tampered.output.contains("Leigh"))
        let alerts = try warden(["access", "alerts"], in: directory)
        #expect(alerts.output.contains("tampering"))
        #expect(try warden(["outbox", "status"], in: directory).output.contains("email: 0 queued"))
    }

    /// The same commands on a PostgreSQL database (the test cluster `scripts/test` starts): a
    /// new database of its own, `--db` as a URL whose password comes from the environment and
    /// is never printed, and `verify` that names an edit made with `psql`.
    @Test func theSameCommandsRunOnPostgreSQLAndVerifyNamesAnEditMadeWithPsql() throws {
        let directory = try scratch()
        let administration = try #require(ProcessInfo.processInfo.environment["WARDEN_TEST_POSTGRES"],
                                           "no test PostgreSQL: run the suite through scripts/test")
        let name = "warden_cli_\(UUID().uuidString.prefix(8).lowercased())"
        try psql(administration, "CREATE DATABASE \(name)")
        let database = administration.replacingOccurrences(of: "/postgres", with: "/\(name)")
        let created = try warden(["init", "--origin", "party.example/audit"], in: directory, database: database)
        #expect(created.status == 0, "\(created.errors)")
        #expect(created.output.contains("Created \(database)"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(name).keyring").path))
        try importSmallParty(in: directory, database: database)
        let intact = try warden(["verify"], in: directory, database: database)
        #expect(intact.status == 0, "\(intact.output)\(intact.errors)")
        #expect(intact.output.contains("intact"))
        try psql(database, "UPDATE person SET surname = 'Leigh'")
        let tampered = try warden(["verify"], in: directory, database: database)
        #expect(tampered.status == 2)
        #expect(tampered.output.contains("TAMPERED: person 1: surname differ from the last version (changed outside Warden)"))
        #expect(!tampered.output.contains("Leigh"))
        // A database without a Warden is named without its password, and nothing is made in it.
        let empty = "warden_cli_empty_\(UUID().uuidString.prefix(8).lowercased())"
        try psql(administration, "CREATE DATABASE \(empty)")
        let bare = administration.replacingOccurrences(of: "warden@", with: "warden:secret-in-url@")
            .replacingOccurrences(of: "/postgres", with: "/\(empty)")
        let missing = try warden(["verify"], in: directory, database: bare)
        #expect(missing.status != 0)
        #expect(missing.errors.contains("no database here"), "\(missing.errors)")
        #expect(!missing.errors.contains("secret-in-url") && !missing.output.contains("secret-in-url"))
        try psql(administration.replacingOccurrences(of: "/postgres", with: "/\(empty)"),
                 "DO $$ BEGIN IF to_regclass('account') IS NOT NULL THEN RAISE 'tables were made'; END IF; END $$")
    }

    /// Runs one statement with Debian's `psql`, the password from the suite's password file.
    func psql(_ url: String, _ statement: String) throws {
        _ = try TestEngine.postgres.run(statement, on: url)
    }

    @Test func initAndImportsLeaveACheckpointSoVerifyIsCleanWithoutAServer() throws {
        let directory = try scratch()
        #expect(try warden(["init"], in: directory).status == 0)
        try importSmallParty(in: directory)
        let verified = try warden(["verify"], in: directory)
        #expect(verified.status == 0)
        #expect(!verified.output.contains("TAMPERED"))
        #expect(verified.output.contains("intact"))
        // The checkpoints name this party's log (HOST/DATABASE by default), not a shared placeholder.
        let latest = try String(contentsOf: directory.appendingPathComponent("warden.witness/latest"), encoding: .utf8)
        #expect(latest.hasPrefix("warden.example/audit-log") == false)
        #expect(latest.split(separator: "\n").first?.hasSuffix("/warden") == true)
        // An origin no log may have is refused before anything is created.
        let other = try scratch()
        #expect(try warden(["init", "--origin", "two words"], in: other).status != 0)
        #expect(!FileManager.default.fileExists(atPath: other.appendingPathComponent("warden.sqlite").path))
    }
}
