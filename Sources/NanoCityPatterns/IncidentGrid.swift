/// Square cells laid over incidents given in metres, so the grid statistics apply to
/// observed data as to a simulated city: the south-west corner of cell (0, height−1) is
/// `origin`, a multiple of the cell side; row 0 is the northern edge, as in the city's maps.
public struct IncidentGrid: Sendable, Equatable {
    public let cellMetres: Double
    public let originX: Double, originY: Double
    public let width: Int, height: Int

    public static let maxCells = 1 << 24

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooManyCells(width: Double, height: Double)
        public var description: String {
            switch self {
            case .tooManyCells(let w, let h):
                "a grid of \(Int(w)) × \(Int(h)) cells exceeds \(IncidentGrid.maxCells); choose larger cells (--grid)"
            }
        }
    }

    public init(covering incidents: [Incident], cellMetres: Double) throws(Failure) {
        precondition(!incidents.isEmpty && cellMetres > 0)
        self.cellMetres = cellMetres
        let x0 = (incidents.map(\.x).min()! / cellMetres).rounded(.down) * cellMetres
        let y0 = (incidents.map(\.y).min()! / cellMetres).rounded(.down) * cellMetres
        let w = ((incidents.map(\.x).max()! - x0) / cellMetres).rounded(.down) + 1
        let h = ((incidents.map(\.y).max()! - y0) / cellMetres).rounded(.down) + 1
        guard w * h <= Double(Self.maxCells) else { throw .tooManyCells(width: w, height: h) }
        originX = x0; originY = y0
        width = Int(w); height = Int(h)
    }

    /// The row-major cell of a point inside the grid.
    public func cell(of e: Incident) -> Int {
        let cx = min(width - 1, max(0, Int(((e.x - originX) / cellMetres).rounded(.down))))
        let cy = min(height - 1, max(0, Int(((e.y - originY) / cellMetres).rounded(.down))))
        return (height - 1 - cy) * width + cx
    }
}
