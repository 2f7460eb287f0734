import NanoCityEngine

/// A struct-of-arrays store of one agent kind whose columns are declared once, in `columns`.
/// Every operation on whole rows — adding a row with each column's initial value, removing
/// one, re-storing in map order, checkpoint encoding and decoding with each column's range
/// checked, the model's description — goes through that list, so a new column is one line
/// in its store's declaration (and a stored array missing from it fails
/// `ModelDescriptionTests`). Decisions read the columns through each store's `withColumns`
/// buffer view, which stays hand-written: the hot loop indexes plain buffers.
public protocol AgentStore: Sendable {
    /// Every column, in checkpoint order.
    static var columns: [AgentColumn<Self>] { get }
    /// The kind this store holds (what error messages name).
    static var kind: AgentKind { get }
    /// Rows in the store (every column has this many).
    var count: Int { get }
    /// Each agent's stable id and cell (columns of `columns`); `sortByRow` orders by cell.
    var id: [Int64] { get set }
    var cell: [Int32] { get set }
    /// Sets new row `k`'s own values; its other columns keep their declared initial values.
    /// The default sets the id and the cell; a store with more per-agent starting values
    /// (a guard's station) sets those too.
    mutating func fill(_ k: Int, id: Int64, cell: Int32)
    init()
}

/// Which values a column may hold after a restore: checked as each column is decoded, so a
/// forged checkpoint cannot hand the tick a cell outside the map.
public enum ColumnRange: Sendable, Equatable {
    /// A cell index of the map.
    case cell
    /// A cell index of the map, or −1 for none.
    case cellOrNone
    /// A state code: 0 ..< the number of the store's states.
    case code(count: Int)
    /// Anything of the column's type (cross-column rules are in `restoredStateProblem`).
    case any
}

/// The element types a column may have: what `StateWriter`/`StateReader` store as arrays.
public protocol ColumnElement: Sendable {
    static func write(_ values: [Self], to w: inout StateWriter)
    static func read(from r: inout StateReader) throws(StateError) -> [Self]
    /// As an integer, for `ColumnRange` checks (nil if not an integer type).
    var rangeValue: Int? { get }
}

extension ColumnElement where Self: FixedWidthInteger {
    public static func write(_ values: [Self], to w: inout StateWriter) { w.write(array: values) }
    public static func read(from r: inout StateReader) throws(StateError) -> [Self] { try r.readArray() }
}
extension Int64: ColumnElement { public var rangeValue: Int? { nil } }
extension UInt8: ColumnElement { public var rangeValue: Int? { Int(self) } }
extension Int32: ColumnElement { public var rangeValue: Int? { Int(self) } }
extension Float: ColumnElement {
    public static func write(_ values: [Float], to w: inout StateWriter) { w.write(array: values) }
    public static func read(from r: inout StateReader) throws(StateError) -> [Float] { try r.readFloatArray() }
    public var rangeValue: Int? { nil }
}
extension Bool: ColumnElement {
    public static func write(_ values: [Bool], to w: inout StateWriter) { w.write(array: values) }
    public static func read(from r: inout StateReader) throws(StateError) -> [Bool] { try r.readBoolArray() }
    public var rangeValue: Int? { nil }
}

/// One column of an agent store: its name, unit and meaning (the model's description), the
/// value a new row starts with, the values a restore accepts, and the row operations on it.
public struct AgentColumn<Store: AgentStore>: Sendable {
    public let variable: StateVariable
    let count: @Sendable (Store) -> Int
    let appendInitial: @Sendable (inout Store, Int) -> Void
    let swapRemove: @Sendable (inout Store, Int) -> Void
    let removeLast: @Sendable (inout Store) -> Void
    let permute: @Sendable (inout Store, [UInt32], inout [UInt64]) -> Void
    let encode: @Sendable (Store, inout StateWriter) -> Void
    /// Reads the column and checks its range against a map of `cells` cells.
    let decode: @Sendable (inout Store, inout StateReader, _ cells: Int) throws(StateError) -> Void

    /// - Parameters:
    ///   - name: the store's property name (what the description and error messages say).
    ///   - unit: the column's unit ("" if none).
    ///   - initial: the value of a newly added row (the store's `append` then sets the row's own values).
    public init<T: ColumnElement>(_ name: String, _ path: WritableKeyPath<Store, [T]> & Sendable, unit: String = "",
                                  initial: T, range: ColumnRange = .any, meaning: String) {
        variable = StateVariable(name: name, unit: unit, meaning: meaning)
        count = { $0[keyPath: path].count }
        appendInitial = { s, n in s[keyPath: path].append(contentsOf: repeatElement(initial, count: n)) }
        swapRemove = { s, k in
            let last = s[keyPath: path].count - 1
            s[keyPath: path].swapAt(k, last)
            s[keyPath: path].removeLast()
        }
        removeLast = { $0[keyPath: path].removeLast() }
        permute = { s, p, done in s[keyPath: path].permute(p, done: &done) }
        encode = { s, w in T.write(s[keyPath: path], to: &w) }
        decode = { (s: inout Store, r: inout StateReader, cells: Int) throws(StateError) in
            let values = try T.read(from: &r)
            let check: (allowed: Range<Int>, what: String)? = switch range {
            case .any: nil
            case .cell: (0..<cells, "a cell of the map")
            case .cellOrNone: (-1..<cells, "a cell of the map or −1")
            case .code(let n): (0..<n, "a state code 0…\(n - 1)")
            }
            if let (allowed, what) = check {
                for (k, v) in values.enumerated() {
                    guard let c = v.rangeValue, allowed.contains(c) else {
                        throw StateError("\(Store.kind.name) \(name), row \(k): \(v) is not \(what)")
                    }
                }
            }
            s[keyPath: path] = values
        }
    }
}

extension AgentStore {
    /// Adds a row holding each column's initial value; returns its index.
    mutating func appendInitialRow() -> Int {
        appendInitialRows(1).lowerBound
    }

    public mutating func fill(_ k: Int, id i: Int64, cell c: Int32) {
        id[k] = i
        cell[k] = c
    }

    /// Adds one agent: a row of initial values, then its own (`fill`).
    mutating func append(id i: Int64, cell c: Int32) {
        fill(appendInitialRow(), id: i, cell: c)
    }

    /// Adds `n` rows holding each column's initial value; returns their indices. One call per
    /// column, not per row: filling a population of 10⁵ row by row through the declaration
    /// cost 30 ms of a metropolis run's start.
    mutating func appendInitialRows(_ n: Int) -> Range<Int> {
        let start = count
        for c in Self.columns { c.appendInitial(&self, n) }
        return start..<start + n
    }

    /// Removes row `k`, moving the last row into its place.
    mutating func swapRemove(_ k: Int) {
        for c in Self.columns { c.swapRemove(&self, k) }
    }

    mutating func removeLast() {
        for c in Self.columns { c.removeLast(&self) }
    }

    /// Re-stores the rows in map order (see `MapOrder`).
    mutating func sortByRow(_ size: GridSize) {
        let p = MapOrder.permutation(cell, width: size.width, height: size.height)
        var done: [UInt64] = []
        for c in Self.columns { c.permute(&self, p, &done) }
    }

    func encodeColumns(_ w: inout StateWriter) {
        for c in Self.columns { c.encode(self, &w) }
    }

    /// Reads `encodeColumns`'s bytes for a map of `cells` cells: every column's range checked,
    /// all columns the same length.
    static func decodeColumns(_ r: inout StateReader, cells: Int) throws(StateError) -> Self {
        var s = Self()
        for c in columns { try c.decode(&s, &r, cells) }
        let counts = Set(columns.map { $0.count(s) })
        guard counts.count <= 1 else { throw StateError("\(kind.name) columns of different lengths") }
        return s
    }
}
