/// Binary spatial weights between the cells of a grid: each cell's neighbours in compressed
/// rows (`offsets[i]..<offsets[i+1]` into `neighbours`), symmetric, no wrapping at the edges.
public struct SpatialWeights: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The 8 cells around (fewer at the edges): queen contiguity.
        case queen
        /// Every cell whose centre lies within this many cells of the cell's centre (Euclidean,
        /// edges inclusive).
        case distance(cells: Double)
    }

    public let kind: Kind
    public let includesSelf: Bool
    public let offsets: [Int]
    public let neighbours: [Int32]

    /// Weights entries allowed (neighbour lists in memory, 4 bytes each).
    public static let maxEntries = 200_000_000

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooManyNeighbours(perCell: Int, cells: Int)
        public var description: String {
            switch self {
            case .tooManyNeighbours(let k, let n):
                "distance-band weights with up to \(k) neighbours per cell over \(n) cells exceed \(SpatialWeights.maxEntries) entries; choose a smaller band"
            }
        }
    }

    public init(width: Int, height: Int, kind: Kind, includeSelf: Bool) throws(Failure) {
        self.kind = kind
        self.includesSelf = includeSelf
        var stencil: [(Int, Int)] = []
        switch kind {
        case .queen:
            for dy in -1...1 { for dx in -1...1 where dx != 0 || dy != 0 { stencil.append((dx, dy)) } }
        case .distance(let r):
            let reach = Int(min(r, Double(max(width, height))).rounded(.down))
            let limit = r * r * (1 + 1e-12)
            for dy in -reach...reach {
                for dx in -reach...reach where (dx != 0 || dy != 0) && Double(dx * dx + dy * dy) <= limit {
                    stencil.append((dx, dy))
                }
            }
        }
        let perCell = stencil.count + (includeSelf ? 1 : 0)
        guard perCell.multipliedReportingOverflow(by: width * height).partialValue <= Self.maxEntries,
              perCell <= Self.maxEntries else {
            throw .tooManyNeighbours(perCell: perCell, cells: width * height)
        }
        var offsets = [0], neighbours: [Int32] = []
        offsets.reserveCapacity(width * height + 1)
        for y in 0..<height {
            for x in 0..<width {
                if includeSelf { neighbours.append(Int32(y * width + x)) }
                for (dx, dy) in stencil {
                    let (nx, ny) = (x + dx, y + dy)
                    if nx >= 0 && nx < width && ny >= 0 && ny < height { neighbours.append(Int32(ny * width + nx)) }
                }
                offsets.append(neighbours.count)
            }
        }
        self.offsets = offsets
        self.neighbours = neighbours
    }

    public var cells: Int { offsets.count - 1 }
    public func degree(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }
}
