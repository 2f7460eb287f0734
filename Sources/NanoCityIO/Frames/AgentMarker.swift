/// How an agent is drawn: its kind's colour, and its state by shape or outline, so a state
/// reads without a second colour. Jailed crew are out of the city: the strip counts them.
public enum AgentMarker: Sendable, CaseIterable {
    case recycler, recyclerCarrying, recyclerSick
    case scavenger, scavengerCarrying
    case `guard`, guardResponding
    case crew, crewInHeist, crewTrapped
    case sensor, hackedSensor
    case informant

    public var color: RGB {
        switch self {
        case .recycler, .recyclerCarrying, .recyclerSick: FramePalette.recycler
        case .scavenger, .scavengerCarrying: FramePalette.scavenger
        case .guard, .guardResponding: FramePalette.guard
        case .crew, .crewInHeist, .crewTrapped: FramePalette.crew
        case .sensor: FramePalette.sensor
        case .hackedSensor: FramePalette.hackedSensor
        case .informant: FramePalette.informant
        }
    }

    /// Draws the marker in the `size` × `size` box at (x, y). Below 5 pixels only the colour
    /// shows (a plain square); state marks need room.
    public func draw(on canvas: inout Canvas, x: Int, y: Int, size: Int) {
        let c = color
        switch self {
        case .sensor, .hackedSensor:
            canvas.fill(x: x, y: y, w: size, h: size, c)
            return
        case .crewInHeist:
            // A white ring around the marker: the alarm is on.
            let ring = max(1, size / 6)
            canvas.fill(x: x - ring, y: y - ring, w: size + 2 * ring, h: size + 2 * ring, FramePalette.alarm)
        default:
            break
        }
        canvas.fill(x: x, y: y, w: size, h: size, c)
        guard size >= 5 else { return }
        canvas.outline(x: x, y: y, w: size, h: size, FramePalette.ink)
        let inner = max(1, size / 3), mid = x + (size - inner) / 2, midY = y + (size - inner) / 2
        switch self {
        case .recyclerCarrying, .scavengerCarrying:
            canvas.fill(x: mid, y: midY, w: inner, h: inner, FramePalette.ink)
        case .recyclerSick:
            let ring = max(1, size / 4)
            canvas.fill(x: x + 1 + ring, y: y + 1 + ring, w: size - 2 - 2 * ring, h: size - 2 - 2 * ring, FramePalette.paper)
        case .guardResponding:
            canvas.fill(x: x + 1, y: midY, w: size - 2, h: inner, FramePalette.ink)
        case .crewTrapped:
            canvas.cross(x: x, y: y, size: size, FramePalette.ink)
        default:
            break
        }
    }

    /// Legend text.
    public var label: String {
        switch self {
        case .recycler: "recycler"
        case .recyclerCarrying: "carrying"
        case .recyclerSick: "sick"
        case .scavenger: "scavenger"
        case .scavengerCarrying: "carrying"
        case .guard: "guard"
        case .guardResponding: "responding"
        case .crew: "crew"
        case .crewInHeist: "in heist"
        case .crewTrapped: "trapped"
        case .sensor: "sensor"
        case .hackedSensor: "hacked"
        case .informant: "informant"
        }
    }
}
