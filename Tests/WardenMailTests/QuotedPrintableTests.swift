import Foundation
import Testing

@testable import WardenMail

@Suite struct QuotedPrintableTests {
    /// Checks the RFC 2045 line rules on an encoded text.
    static func checkLines(_ encoded: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(encoded.utf8.allSatisfy { $0 < 0x80 }, "output must be 7-bit", sourceLocation: sourceLocation)
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "line too long: \(line)", sourceLocation: sourceLocation)
            #expect(!line.contains("\r") && !line.contains("\n"), "bare CR or LF", sourceLocation: sourceLocation)
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"), "trailing whitespace", sourceLocation: sourceLocation)
        }
    }

    @Test func plainASCIIIsUnchanged() {
        #expect(QuotedPrintable.encode("Hello, member! Your renewal is due.") == "Hello, member! Your renewal is due.")
    }

    @Test func equalsSignIsEscaped() {
        #expect(QuotedPrintable.encode("a=b") == "a=3Db")
    }

    @Test func nonASCIIBytesAreEscapedAsUTF8() {
        #expect(QuotedPrintable.encode("café") == "caf=C3=A9")
        #expect(QuotedPrintable.encode("€") == "=E2=82=AC")
        #expect(QuotedPrintable.encode("😀") == "=F0=9F=98=80")
    }

    @Test func trailingSpaceAndTabAreEscapedButInnerOnesAreNot() {
        #expect(QuotedPrintable.encode("a b  ") == "a b =20")
        #expect(QuotedPrintable.encode("tab\t") == "tab=09")
        #expect(QuotedPrintable.encode("x \ny\t\r\nz") == "x=20\r\ny=09\r\nz")
    }

    @Test func lineEndingsBecomeCRLF() {
        #expect(QuotedPrintable.encode("a\nb\r\nc\rd") == "a\r\nb\r\nc\r\nd")
        #expect(QuotedPrintable.encode("a\n\nb\n") == "a\r\n\r\nb\r\n")
        #expect(QuotedPrintable.encode("") == "")
    }

    @Test func controlCharactersAreEscaped() {
        #expect(QuotedPrintable.encode("a\u{0}b\u{7F}") == "a=00b=7F")
    }

    @Test func longLinesGetSoftBreaksAndDecodeBack() throws {
        let line = String(repeating: "abcdefghij", count: 30)  // 300 characters
        let encoded = QuotedPrintable.encode(line)
        Self.checkLines(encoded)
        let pieces = encoded.components(separatedBy: "\r\n")
        #expect(pieces.count == 4)  // 75 + 75 + 75 + 75, each soft-broken piece ending in "="
        #expect(pieces.dropLast().allSatisfy { $0.hasSuffix("=") && $0.utf8.count == 76 })
        #expect(try MailDecoding.quotedPrintable(encoded) == line)
    }

    @Test func exactly76CharactersNeedNoSoftBreak() {
        let line = String(repeating: "x", count: 76)
        #expect(QuotedPrintable.encode(line) == line)
        let longer = String(repeating: "x", count: 77)
        #expect(QuotedPrintable.encode(longer) == String(repeating: "x", count: 75) + "=\r\nxx")
    }

    @Test func escapesAreNeverSplitBySoftBreaks() throws {
        let line = String(repeating: "é", count: 60) + " = " + String(repeating: "ü ", count: 40)
        let encoded = QuotedPrintable.encode(line)
        Self.checkLines(encoded)
        for piece in encoded.components(separatedBy: "\r\n") {
            // A soft break line ends in exactly one "=" after a complete token.
            let withoutSoftBreak = piece.hasSuffix("=") ? String(piece.dropLast()) : piece
            #expect(!withoutSoftBreak.hasSuffix("="))
            #expect(!withoutSoftBreak.dropLast().hasSuffix("="))
        }
        #expect(try MailDecoding.quotedPrintable(encoded) == line)
    }

    @Test(arguments: [
        "Dear member,\n\nyour membership of Bündnis Süd is confirmed.\n",
        String(repeating: "word ", count: 100),
        "=== heading ===\n.dot line\n" + String(repeating: "ø", count: 200) + "\n\n",
        "trailing spaces   \nand tabs\t\t\nend",
    ])
    func roundTrip(text: String) throws {
        let encoded = QuotedPrintable.encode(text)
        Self.checkLines(encoded)
        let normalized = text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try MailDecoding.quotedPrintable(encoded) == normalized)
    }
}
