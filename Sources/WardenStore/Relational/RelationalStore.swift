public import WardenCore

/// The store: every store protocol's methods written once, over an engine (``StoreEngine``):
/// an SQLite file (the default, ``init(path:)``), or a PostgreSQL database.
///
/// The methods in the files beside this one use the SQL both engines speak (``SQLSession``)
/// and the rules above the engines; the engine adds only what it does its own fast way.
public final class RelationalStore: WardenStore {
    let engine: any StoreEngine
    let areaCache = AreaCache()

    init(engine: any StoreEngine) {
        self.engine = engine
    }

    public var personalData: PersonalDataAccess { PersonalDataAccess(self) }

    public var transactions: TransactionCounts { engine.transactions }

    /// Lets go of the engine's connections (a PostgreSQL pool; nothing for an SQLite file).
    public func close() async {
        await engine.close()
    }

    /// The SQLite engine, when that is the engine: for the tests that look at its plans and
    /// edit its file behind the store's back.
    var sqlite: SQLiteEngine? { engine as? SQLiteEngine }
}

/// The personal-data methods (in the files beside this one) are SPI, seen only by the Gate.
@_spi(Gate) extension RelationalStore: PersonalDataStore {}
