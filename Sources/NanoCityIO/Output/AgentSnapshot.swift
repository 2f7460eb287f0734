import NanoCityModel

/// `agents_NNNNNN.csv`: one row per agent at a tick (Mesa's agent reporter, as a file):
/// `kind,id,x,y,state,carried,health`. `carried` is a recycler's or scavenger's load or a
/// crew member's loot (mass); `health` is set for recyclers only. Jailed crew have x = y = -1.
/// Rows: recyclers, scavengers, crew, guards, informants, each in storage order.
public enum AgentSnapshot {
    public static let header = "kind,id,x,y,state,carried,health\n"

    static let recyclerStates = ["seeking", "delivering", "sick"]
    static let scavengerStates = ["seeking", "selling_legal", "selling_black"]
    static let crewStates = ["prowling", "fleeing", "heist", "jailed", "gone"]
    static let guardStates = ["patrolling", "responding"]
    static let informantStates = ["walking", "silenced"]

    public static func csv(_ city: City) -> String {
        let w = city.map.size.width
        var out = header
        func row(_ kind: String, _ id: Int64, _ cell: Int32, _ state: String, _ carried: Float, _ health: Float?) {
            let x = cell < 0 ? -1 : Int(cell) % w, y = cell < 0 ? -1 : Int(cell) / w
            out += "\(kind),\(id),\(x),\(y),\(state),\(CSVNumber.format(carried)),"
            if let health { out += CSVNumber.format(health) }
            out += "\n"
        }
        for kind in AgentKind.allCases {
            switch kind {
            case .recycler:
                let r = city.recyclers
                for i in 0..<r.count { row(kind.name, r.id[i], r.cell[i], recyclerStates[Int(r.state[i])], r.load[i], r.health[i]) }
            case .scavenger:
                let s = city.scavengers
                for i in 0..<s.count { row(kind.name, s.id[i], s.cell[i], scavengerStates[Int(s.state[i])], s.load[i], nil) }
            case .crew:
                let c = city.crew
                for i in 0..<c.count where c.state[i] != CrewStore.State.gone.rawValue {
                    let jailed = c.state[i] == CrewStore.State.jailed.rawValue
                    row(kind.name, c.id[i], jailed ? -1 : c.cell[i], crewStates[Int(c.state[i])], c.loot[i], nil)
                }
            case .guard:
                let g = city.guards
                for i in 0..<g.count { row(kind.name, g.id[i], g.cell[i], guardStates[Int(g.state[i])], 0, nil) }
            case .informant:
                let m = city.informants
                for i in 0..<m.count { row(kind.name, m.id[i], m.cell[i], informantStates[Int(m.state[i])], 0, nil) }
            }
        }
        return out
    }
}
