import Testing

@testable import WardenMail

@Suite struct SMTPReplyParserTests {
    @Test func singleLineReply() throws {
        var parser = SMTPReplyParser()
        let reply = try parser.parse(line: "220 mail.example.org ESMTP ready")
        #expect(reply == SMTPReply(code: 220, lines: ["mail.example.org ESMTP ready"]))
    }

    @Test func codeOnlyLineIsACompleteReply() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.parse(line: "250") == SMTPReply(code: 250, lines: [""]))
    }

    @Test func multiLineReplyIsAssembledUntilTheLastLine() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.parse(line: "250-mail.example.org") == nil)
        #expect(try parser.parse(line: "250-SIZE 33554432") == nil)
        #expect(try parser.parse(line: "250-8BITMIME") == nil)
        let reply = try parser.parse(line: "250 HELP")
        #expect(reply == SMTPReply(code: 250, lines: ["mail.example.org", "SIZE 33554432", "8BITMIME", "HELP"]))
        // The parser starts afresh for the next reply.
        #expect(try parser.parse(line: "354 go ahead") == SMTPReply(code: 354, lines: ["go ahead"]))
    }

    @Test(arguments: ["", "25", "2a0 hello", "abc def", "250x text", "199 too low", "600 too high", "hello 250"])
    func malformedLinesAreRefused(line: String) {
        var parser = SMTPReplyParser()
        #expect(throws: SMTPReplyParser.MalformedReply.self) { try parser.parse(line: line) }
    }

    @Test func continuationWithADifferentCodeIsRefused() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.parse(line: "250-first") == nil)
        #expect(throws: SMTPReplyParser.MalformedReply.self) { try parser.parse(line: "550 second") }
        // After the error the parser is reset and accepts a fresh reply.
        #expect(try parser.parse(line: "221 bye") == SMTPReply(code: 221, lines: ["bye"]))
    }

    @Test func replyClassification() {
        #expect(SMTPReply(code: 250).isPositiveCompletion)
        #expect(SMTPReply(code: 451).isTransientNegative)
        #expect(!SMTPReply(code: 451).isPermanentNegative)
        #expect(SMTPReply(code: 550).isPermanentNegative)
        #expect(!SMTPReply(code: 354).isPositiveCompletion)
    }
}
