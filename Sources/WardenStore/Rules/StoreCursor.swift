/// A forward walk over rows an engine reads in order, one value at a time.
///
/// Verification walks millions of entries, so the rules take a cursor rather than an array;
/// they take it as a generic parameter (an engine's associated type), never as `any`, so
/// the compiler specialises the walk for each engine's cursor.
protocol StoreCursor<Element> {
    associatedtype Element
    /// The next value, or `nil` after the last.
    mutating func next() throws -> Element?
}
