import Testing
@testable import NanoCityEngine

@Suite struct CellIndexTests {
    @Test func insertMoveRemoveKeepListsAndCountsConsistent() {
        var idx = CellIndex(cells: 10, agents: 5)
        for a in 0..<5 { idx.insert(a, at: a % 2) }
        #expect(Set(idx.agents(at: 0)) == [0, 2, 4])
        #expect(Set(idx.agents(at: 1)) == [1, 3])
        idx.move(2, to: 7)
        idx.remove(0)
        #expect(idx.agents(at: 0) == [4])
        #expect(idx.agents(at: 7) == [2])
        #expect(idx.count[0] == 1 && idx.count[7] == 1 && idx.count[1] == 2)
        #expect(idx.cell[0] == -1)
        idx.remove(0)  // removing twice is harmless
        #expect(idx.count[0] == 1)
    }

    /// An index as a crafted checkpoint could hold it: every array in range, but the links
    /// wrong. Each is refused on reading (walking a cycle would never end; moving an agent
    /// missing from its cell's list would corrupt the others).
    @Test func brokenListsAreRefusedOnReading() {
        func decode(head: [Int32], next: [Int32], prev: [Int32], cell: [Int32], count: [UInt16]) -> String? {
            var w = StateWriter()
            w.write(array: head); w.write(array: next); w.write(array: prev); w.write(array: cell); w.write(array: count)
            var r = StateReader(w.bytes)
            do { _ = try CellIndex(decoding: &r, cells: head.count); return nil } catch { return error.message }
        }
        // A sound index: agents 0 and 1 on cell 2 (1 first), agent 2 unplaced.
        #expect(decode(head: [-1, -1, 1], next: [-1, 0, -1], prev: [1, -1, -1], cell: [2, 2, -1], count: [0, 0, 2]) == nil)
        let cycle = decode(head: [-1, -1, 1], next: [1, 0, -1], prev: [1, 0, -1], cell: [2, 2, -1], count: [0, 0, 2])
        #expect(cycle?.contains("broken") == true, "\(cycle ?? "accepted")")
        let oneWay = decode(head: [-1, -1, 1], next: [-1, 0, -1], prev: [-1, -1, -1], cell: [2, 2, -1], count: [0, 0, 2])
        #expect(oneWay?.contains("broken") == true, "\(oneWay ?? "accepted")")
        let miscounted = decode(head: [-1, -1, 1], next: [-1, 0, -1], prev: [1, -1, -1], cell: [2, 2, -1], count: [0, 0, 3])
        #expect(miscounted?.contains("counts 3") == true, "\(miscounted ?? "accepted")")
        let stray = decode(head: [-1, -1, 1], next: [-1, 0, -1], prev: [1, -1, -1], cell: [2, 2, 0], count: [0, 0, 2])
        #expect(stray?.contains("agent 2") == true, "\(stray ?? "accepted")")
    }
}
