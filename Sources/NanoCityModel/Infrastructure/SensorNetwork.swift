/// The nano-sensor network. Coverage grids count, per cell, the sensors whose radius covers it.
public struct SensorNetwork: Sendable {
    public var cell: [Int32] = []
    public var hardened: [Bool] = []
    public var hacked: [Bool] = []
    /// Per cell: active (not hacked) sensors in range.
    public var coverActive: [UInt16]
    /// Per cell: active, non-hardened sensors in range (hack targets).
    public var coverHackable: [UInt16]
    /// Per cell: hacked sensors in range (they leak guard positions to crew there).
    public var coverHacked: [UInt16]
    /// Per cell: the sensor placed there, or -1.
    public var sensorAt: [Int32]
    public var count: Int { cell.count }
    public var hackedCount = 0

    init(cells: Int) {
        sensorAt = [Int32](repeating: -1, count: cells)
        coverActive = [UInt16](repeating: 0, count: cells)
        coverHackable = coverActive
        coverHacked = coverActive
    }
}
