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
}
