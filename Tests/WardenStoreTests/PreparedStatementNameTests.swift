import Testing
@testable import WardenStore

/// How the store's statements are named for PostgreSQL's prepared statements, and which are
/// counted through `RETURNING`: rules of text, no server needed.
@Suite("Prepared statement names")
struct PreparedStatementNameTests {
    @Test func aNameCoversTheTextAndTheKindOfEveryValue() throws {
        let sql = "SELECT id FROM person WHERE id = $1 AND name_key = $2 -- names test"
        let integerAndText = try #require(PreparedStatementName.named(sql, [.integer(1), .text("LEE|ANN")]))
        let integerAndNull = try #require(PreparedStatementName.named(sql, [.integer(2), .null]))
        #expect(integerAndText.name.hasSuffix("it"))
        #expect(integerAndNull.name.hasSuffix("in"))
        #expect(integerAndText.name.dropLast(2) == integerAndNull.name.dropLast(2))
        #expect(integerAndText.name.utf8.count <= 63)
        #expect(PreparedStatementName.named(sql + " ", [.integer(1), .text("x")])?.name != integerAndText.name)
        // A flag binds as an integer, as it is stored.
        #expect(PreparedStatementName.named(sql, [.boolean(true), .text("x")])?.name == integerAndText.name)
    }

    @Test func aStatementWithMoreValuesThanANameCanListIsSentUnnamed() {
        let values = Array(repeating: SQLValue.integer(1), count: PreparedStatementName.mostValues + 1)
        #expect(PreparedStatementName.named("SELECT 1 -- many values", values) == nil)
        #expect(PreparedStatementName.named("SELECT 1 -- many values", Array(values.dropLast())) != nil)
    }

    @Test func onlyChangesWithoutReturningAreCountedThroughACommonTableExpression() {
        #expect(PostgresSession.answersWithoutRows("  UPDATE person SET title = $1 WHERE id = $2"))
        #expect(PostgresSession.answersWithoutRows("insert into touched_person (person_id) values ($1)"))
        #expect(!PostgresSession.answersWithoutRows("INSERT INTO household (address_key) VALUES ($1) RETURNING id"))
        #expect(!PostgresSession.answersWithoutRows("SELECT 1 FROM person WHERE id = $1 FOR NO KEY UPDATE"))
        #expect(!PostgresSession.answersWithoutRows("SELECT pg_advisory_xact_lock($1)"))
    }
}
