// docs/model.md compiled into the binary, so that `nanocity describe` writes the ODD
// document from the same text the documentation shows. Must stay byte-identical to
// docs/model.md (a test checks it); regenerate with scripts/embed-model-doc.sh.
enum EmbeddedModelDoc {
    static let markdown = #"""
# The model

The rules below are what the code does (each is also the doc comment of the function that
implements it), written to be cited. Distances are Chebyshev (king moves): "within radius r"
is the (2r+1)×(2r+1) square, clipped at the grid's edge. Agents move one cell per tick to
one of their 8 neighbours; every cell is walkable. "Step toward" moves each coordinate by at
most one toward the goal. "With probability p" is one draw: an agent's from its own stream
(below), everything else from the run's generator.

## Purpose and patterns

NanoCity asks how policing, surveillance, education and clean-up shape crime, pollution and
public health in a city whose economy runs on recycling: which levers reduce thefts, dumping
and heist losses, at what cost in arrests and toxicity, and how robust the answers are across
city layouts. Its crime field is Short et al.'s (2008) model of repeat and near-repeat
victimisation, so it is judged against the patterns that model is known to produce: a spatially
uniform crime rate with a stable equilibrium B̄ = θΓ/ω below the instability threshold,
stationary hotspots of a predicted spacing above it, and the conservation of the city-wide
burglary rate Γ whatever the attractiveness field does. The other patterns it is built to show
are the story's: toxicity concentrating around industry and dump sites, public health falling
with it, crime rising where guards are scarce, recruitment answering reported crime, and the
crew's strength growing on the black market until it can take the Heart.

## The tick

`City.step()` runs these phases in this order (`Sources/NanoCityModel/Simulation/Tick.swift`):

| # | phase | what happens |
|---|---|---|
| 1 | schedule | `[[schedule]]` entries for this tick are applied (event `schedule`); populations are added/removed to match changed counts; a changed sensor setting re-places the network |
| 2 | heist trigger | a heist starts if `heist.tick` is now, or free crew ≥ `heist.strength` (and `heist.cooldown` ticks have passed since the last one) |
| 3 | generation | waste, littering, components and industrial toxicity (below) |
| 4 | agents | every recycler, scavenger, crew member, guard and informant acts once, in two halves (model version 2). **Decide**: each agent reads the world as it stood when the phase began and draws from its own random stream; what only it owns (its state, target, health, a recycler's or scavenger's position) changes at once. **Resolve**: in one order shuffled afresh each tick (Fisher–Yates on the run's generator), so no kind or index systematically goes first, each agent's acts on shared state are applied to the world as the agents before it left it: pick-ups (what is left on the cell), deliveries and sales, dumps, hacks, thefts, fencing, arrest attempts, closing alerts, and the moves of crew and guards. A crew member arrested earlier in that order does nothing more that tick. Every 16 ticks (and on the first) recyclers and scavengers are re-stored in map order (row by row), so that agents next to each other in storage are near each other on the map; that changes no agent, only which place the shuffle gives it |
| 5 | heist resolution | hold count, success or failure |
| 6 | centres | each centre processes up to `centres.process_rate` of its waste queue; processed × `centres.efficiency` joins the reservoir; `centres.component_transfer` of its components is shipped to the Heart |
| 7 | sensors | informants' tips that are due become alerts; alerts older than their time-to-live close; containment cleaning |
| 8 | toxicity | NetLogo `diffuse`, then decay |
| 9 | crime field | attractiveness update (Short et al. 2008) |
| 10 | public health | index from residential toxicity |
| 11 | education | workshops, level decay, recycler recruitment |
| 12 | recruitment | community recruitment of guards; the crew buys members with its cash |
| 13 | cleanup | departed crew and silenced informants removed from storage |

`metrics.csv` row *t* is the state after phase 13 of tick *t*; row 0 is the initial state.

## Waste flows

Each tick every residential cell produces `waste.residential_rate` and every industrial cell
`waste.industrial_rate` of waste. The improper share
`s = waste.improper_share × (1 − education.disposal_effect × education.level)` is littered on
the nearest street cell (precomputed by breadth-first search; ties to the first source in row
order) and releases `s × rate × waste.litter_toxicity` toxicity there; the rest stays on the
cell ("in the bin"). Industrial cells also add `components.industrial_rate` components and
`toxicity.industrial_rate` toxicity to themselves. Recycling centres hold a waste queue and a
component store; see phase 6.

## Recyclers (Zia's workforce)

State machine *seeking → delivering → seeking*, with *sick* from either:

- every tick, health (in [0, 1]) falls by `recyclers.health_loss × toxicity(cell)`; a recycler
  that is not already sick and whose health drops below `recyclers.sick_threshold` goes
  sick (event `sick`);
- **sick**: steps toward its home (a residential cell drawn when it joined); at home it
  regains `recyclers.recovery_rate × public_health` per tick, and returns to *seeking* at
  full health;
- **seeking**: targets the nearest cell holding at least 5% of `recyclers.capacity` within
  `recyclers.sense_radius`, or `sense_radius + sensors.waste_tracking` where an active sensor
  covers its cell (Zia's network tracks waste; a hacked sensor stops helping) (rings outward;
  in the nearest ring, the fullest cell, first in row order on ties) and steps toward it; on it, collects up to capacity (that tick it does not
  move); full → *delivering*. With nothing in sight it delivers if it carries at least half
  its capacity, otherwise it walks the streets (a random street neighbour, or toward the
  nearest street);
- **delivering**: steps toward the nearest centre and adds its load to that centre's queue.

## Scavengers (Milo's old trade)

- **seeking**: as recyclers, for components (minimum 5% of `scavengers.capacity`, radius
  `scavengers.sense_radius`); ticks without a find are counted. When full, or when carrying
  something after `scavengers.patience` fruitless ticks, the scavenger decides where to sell:
  U_black = `market.black_price` − `scavengers.risk_aversion` × (guards within 5 cells)
  − `education.black_market_effect` × `education.level`; U_legal = `market.centre_price`;
  P(black) = 1 / (1 + exp(−(U_black − U_legal) / `scavengers.choice_noise`));
- **selling legal**: steps to the nearest centre; its component store grows by the load;
- **selling black**: steps to the nearest crew hideout; crew cash grows by load × `market.black_price`.

## Dumpsley's crew

One member's tick (`Sources/NanoCityModel/Agents/CrewBehavior.swift`):

1. **jailed** members count down `guards.jail_ticks`; on release they reappear at a random
   hideout (event `release`) and do nothing else that tick;
2. **containment**: when containment is enabled and an active sensor covers the member's
   cell, with probability `containment.slow` the member is *trapped* this tick and does
   nothing more;
3. **dumping**: with probability `crew.dump_prob` the member wants to dump; if an active sensor
   covers the cell it refrains with probability `crew.sensor_awareness`; otherwise it adds
   `crew.dump_toxicity` to the cell (event `dump`). The dump is a crime (raises B by θ) and
   each active sensor in range detects it independently with `sensors.detect_prob`, i.e. with
   probability 1 − (1 − p)^k for k sensors (event `alert`);
4. **hacking**: if a non-hardened active sensor covers the cell, with probability
   `crew.hack_prob` the member hacks the first such sensor in row order (event `hack`). A
   hacked sensor stops detecting, no longer counts for containment and *leaks guard
   positions* to crew inside its radius;
5. **prowling**: with no target, the member picks one of the centres and the Heart with
   probability ∝ A^`crime.move_bias` at that cell; it steps to a neighbour n with weight
   A(n)^bias × 4 if n is nearer the target × 0.05 if n is next to a guard and the member stands
   in a hacked sensor's radius. On the target it steals up to `crew.steal_amount` (a centre's
   components, or stock from the Heart), which is a crime that sensors may detect, and flees;
   nothing to steal → a new target next tick;
6. **fleeing**: steps (same weighting) to the nearest hideout and fences the loot: components
   at `market.black_price`, Heart stock at `market.stock_price` per unit (values fixed at the
   time of theft);
7. **heist**: steps toward the Heart until within `heist.radius`, then waits.

The crew spends its cash on new members at `crew.recruit_cost` each, up to `crew.max`
members, jailed ones included (event `crew_join`); new members start at a random hideout.

**Crime attractiveness** (Short et al. 2008). Each cell has A = `crime.a0` + B. Every crime
(theft, dump, heist start; in `short2008` mode, burglary) adds one to the cell's event count
E. Phase 9 sets B ← [(1 − η) B + (η/4) Σ B_n] (1 − ω δt) + θ E, with η = `crime.eta`,
ω = `crime.omega`, δt = `crime.dt`, θ = `crime.theta`, the sum over the 4 neighbours; at the
grid's edge a missing neighbour counts as the cell itself (reflecting boundary, so the
homogeneous state is preserved).

**Heist.** When it starts, every free member joins (event `heist_start`), it counts as a
reported crime, and the Heart raises an alert that stays open for `heist.max_duration` ticks.
In phase 5, the crew *holds* the Heart this tick if its members within `heist.radius` that are
not trapped outnumber `heist.guard_weight` × the guards within that radius; otherwise the
hold count resets to 0. After `heist.hold_ticks` consecutive held ticks the heist succeeds:
`heist.loss_fraction` of the reservoir is lost (event `heist`, metric `heist_losses`), shared
as loot among the members at the Heart, who flee. Each member carries its heist loot apart
from what it stole from centres; an arrest returns all its loot to the reservoir, and the heist
part of it is subtracted in `heist_losses_net` (losses minus returned heist loot, per tick:
negative in a tick when more came back than was taken); fenced loot is gone for good. It fails (event `heist_failed`) after
`heist.max_duration` ticks or when no member is left.

## Guards (Noah's)

1. **Arrest**: if free crew stand within `guards.reach`, the first found (row order, then
   arrival order on the cell) is arrested with probability `guards.arrest_prob`, or
   `containment.trapped_arrest_prob` if it is trapped this tick and that is higher. One
   attempt per guard per tick. Loot goes back to the reservoir; the member is jailed for
   `guards.jail_ticks` ticks, or removed for good when that is 0 (event `arrest`).
2. **Move** by `guards.patrol`: `random` — a uniformly random neighbour; `hotspot` — with
   probability 0.8 the neighbour (or own cell) of highest A, ties broken at random, else a
   random neighbour; `sensor` — step toward the nearest open alert and close it on arrival
   (the heist alarm stays open while the heist lasts, so guards who answer it hold the
   Heart); with no alert, patrol within 4 cells of the home station.

**Community recruitment.** Reported crimes are thefts, detected dumps and heist starts. When
more than `guards.recruit_threshold` were reported in the last `guards.recruit_window` ticks,
`guards.recruit_size` guards join at the stations (round robin, up to `guards.max`; event
`recruit`) and the window starts afresh.

## Nano-sensors (Zia's network)

Sensors stand on the `S` cells of a map, plus each street cell with probability
`sensors.density`; each is hardened with probability `sensors.hardened` (hardened sensors are
never hacked). A sensor covers every cell within `sensors.radius`. Detection is described
under the crew. **Containment mode** (`containment.enabled`, typically switched on by a
schedule): besides trapping crew (above), in phase 7 every active sensor in turn removes
`containment.clean_rate` of the toxicity of each cell it covers, and the reservoir gains
`containment.recovery` stock per unit removed ("re-diverting biohazards into the system").

## Mars's informants

Mars, a former eco-activist, runs a network of informants on the underground trade
(`informants.count`, default 0: none). They are placed on random street cells (after every
other kind, so a world without them draws exactly what it drew before they existed) and each
tick, in phase 4:

1. **Walk** one step along the streets (a uniformly random street neighbour), decided alone
   on the informant's own stream.
2. **Watch**, at the informant's turn in the shuffled resolution. If a free crew member stands
   within one cell, the crew discover and silence the informant with probability
   `informants.exposure_risk` (event `silenced`, metric `informants_silenced`); a silenced
   informant acts no more, leaves at the tick's cleanup and is not replaced (only a schedule
   entry or arm that sets `informants.count` fills the network again). Otherwise, if the
   informant notices crew activity within `informants.radius` (Chebyshev) — a crime already
   committed this tick (theft, dump or heist start; the most recent one counts) or, failing
   that, free crew standing at a hideout — it passes a tip with probability
   `informants.tip_probability`.
3. A tip reaches the guards `informants.tip_delay` ticks later (phase 7, oldest first) and
   raises an alert at its cell (event `tip`, metrics `tips` and `alerts`), which guards answer
   as they answer a sensor's (with `guards.patrol = "sensor"` they walk to it and arrest crew
   they find within reach). A tip already passed arrives even if its informant has since been
   silenced. Guards on `hotspot` or `random` patrol do not answer alerts, so there a tip is
   counted but changes nothing. A tip is not a detection: `dumps_detected` still counts the sensors' only, so
   `dumps_undetected` measures what informants change by getting crew arrested.

With the defaults (radius 4, tip probability 0.5, delay 10 ticks, exposure risk 0.05), 12
informants in the default world pass their first tips within about 60 ticks (checked for
400 ticks by `InformantTests`).

## Toxicity, public health, education

**Diffusion** follows NetLogo's `diffuse` on a non-wrapping world: each cell gives
`toxicity.diffusion` of its value in 8 equal shares to its Moore neighbours; shares whose
neighbour would be off the grid stay in the cell; then every cell is multiplied by
`toxicity.decay`. With decay 1 and no sources the total is conserved (tested to 1e-5 over
1,000 steps); with decay d it is dᵗ × the initial total.

**Public health** = exp(−T̄ / `health.toxicity_scale`), T̄ the mean toxicity of residential
cells (of all cells if there are none). It scales recyclers' recovery, workshop gains and
education's recruitment.

**Education** (the Recycle Revolution): every `education.workshop_every` ticks a workshop
raises the level by `education.workshop_gain × public_health` (capped at 1; event
`workshop`); each tick the level is multiplied by 1 − `education.decay`. Each tick
`education.recruit_rate × level × public_health` new recyclers join in expectation (the
integer part, plus one more with probability equal to the fraction), at random residential
cells, up to `recyclers.max` (event `recycler_join`). The level lowers littering and the
black-market appeal (above).

## Design concepts

**Basic principles.** Routine activity: a crime happens where a motivated offender meets a
suitable target without a capable guardian (guards, sensors); crime attractiveness rises with
every crime and decays and spreads (Short et al. 2008); waste and toxicity follow mass
balances; public health is an exposure index.

**Emergence.** Hotspots of crime, plumes of toxicity, the crew's size and the heists, the
number of guards, public health and the reservoir's stock emerge from the agents' rules; the
rules themselves are fixed.

**Adaptation.** Scavengers choose their buyer (centre or crew) by price, guards nearby and
education; the crew chooses targets by attractiveness and avoids seen guards and sensors;
guards move by their patrol strategy and answer alerts; the community recruits guards when
reported crime exceeds a threshold; the crew buys members with its cash.

**Objectives.** Not modelled as utilities: agents follow rules (nearest waste, best price,
most attractive target).

**Learning.** None: no agent changes its rules from experience.

**Prediction.** None: agents act on what they sense now (the crew's heist waits for strength
in numbers, not for a forecast).

**Sensing.** Recyclers and scavengers see waste and components within a radius (widened by
sensor coverage for recyclers); crew see guards where hacked sensors leak their positions and
sensors within their awareness; guards see alerts city-wide and crew within reach.

**Interaction.** Through shared state: agents take waste and components from cells, sell to
centres or to the crew, steal from centres and the Heart; guards arrest crew members; crimes
raise the attractiveness field that draws further crime; the crew hacks sensors; alerts
dispatch guards.

**Stochasticity.** Movement when nothing is sensed, detection, arrests, dumps, hacks,
littering and recruitment are random draws, each agent's from its own counter-based stream,
the rest from the run's generator (below); the same seed gives the same run on any number of
cores.

**Collectives.** Dumpsley's crew is a collective: it shares cash, recruits, and joins a heist
as a group; guards share one recruitment pool and the alerts.

**Observation.** Every metric is recorded every tick (`metrics.csv`, one row per tick from
tick 0), every discrete event with its place (`events.csv`), and on request frames, field
snapshots, agent tables and checkpoints; sweeps summarise each run by its final, mean and
total values.

## Randomness and determinism

One xoshiro256\*\* generator (Blackman & Vigna 2018) per run, its state filled from the 64-bit
seed by SplitMix64 as in the reference code, draws the agent order, placements, sensors,
education and recruitment; the procedural map has its own generator seeded by `map.seed`.
Each agent draws from its own stream: Philox4x32-10 (Salmon et al., "Parallel random numbers:
as easy as 1, 2, 3", SC 2011; checked against Random123's known answers) keyed by the seed,
counting through (block, tick, agent id), the decide half from block 0 and the resolve half
from block 2³¹. No agent's draws depend on another's, on the order agents are computed in, or
on the core that computes them; and a policy fork's arms give every agent the same numbers, so
agents a policy does not touch keep their randomness. Derived draws (`uniform` = top 53 bits × 2⁻⁵³, `below(n)` by Lemire's unbiased
multiply-and-reject, Fisher–Yates shuffles) are NanoCity's own code, so the random stream is
the same on every platform and Swift version. The model also calls `exp` and `pow` (public
health, detection and arrest probabilities, the crew's move bias), which come from the
platform's C maths library: a seed gives byte-identical outputs on one platform and library
(e.g. Linux x86-64 with glibc, where CI checks it), and may differ in the last digits, and then
in the trajectory, on another. With `--threads N` agents decide on N cores (each decision
reads only the world as the phase began and writes only what the agent owns) and resolve on
one; the field phases split into bands of whole rows with the same arithmetic in the same
order, and the metric sums each run on one core, so the bits never depend on the thread count
(a street littered from cells on two cores' rows gets all its litter afterwards, in the
one-core order). Frame encoding runs on another thread but never touches model state;
checkpoints store the state bit for bit, so a resumed run continues on the same path.

## Model versions

A model version changes when the same world and seed would give different outputs. Manifests
(`model_version`) and sweep plans record it; a sweep directory started under another version is
not resumed, and checkpoints of another state layout are refused by name.

| version | nanocity | agents phase |
|---|---|---|
| 1 | ≤ 0.2.0 | agents act one after another in a shuffled order, each seeing what those before it did, all drawing from the run's one generator |
| 2 | 0.3.0 (2026-11-28) | agents decide from the world as the phase began, each on its own Philox stream, then act in a shuffled order; hotspot guards break ties among equally attractive cells with one draw; recyclers and scavengers are stored row by row. Outputs are bit-identical for any `--threads` |

Version 2 moved no rule's meaning, only when agents see each other: a recycler heads for waste
another took a moment earlier this tick (and finds what is left), a guard tries the member it
saw at the start of the phase, a crew member steps around guards where they stood. Every
fidelity and policy test passes unchanged on it (NetLogo diffusion, Short et al. equilibrium,
policy responses); `short2008` burglars, which do not use this phase, give the same outputs
as before.

## Zones and place-based policies

A world may declare named zones (`[[zone]]`: a rectangle, a disk, a list of cells or the
pixels of one colour in a mask PNG; never overlapping one another, never clipped at the map's
edge) and a buffer ring around each (every cell within `buffer` Chebyshev steps of the zone,
not in it; a buffer may overlap another zone or buffer). Zones are fixed for a run; their
levers, `zones.<zone>.<lever>`, are parameters like any other. Every lever's default leaves
the city as it would be without the zone — declaring zones changes no simulated output, only
adds `zone.<zone>.<metric>` columns at the end of `metrics.csv` (thefts, burglaries, dumps and
arrests at the area's cells; guards standing there; mean toxicity and waste over its cells).

- **Guards assigned to a zone** (`guards`, or `guard_share` of the force: the zone gets
  max(guards, ⌊share · force⌋)) are taken from the force in store order, zone by zone in
  declaration order, as many as are left. Outside its zone an assigned guard takes one king
  step a tick toward the zone's anchor (its cell nearest its centroid); inside, it patrols by
  `guards.patrol` but a step that would leave the zone is not taken: `random` draws a
  neighbour as usual, `hotspot` climbs among the zone's cells only, `sensor` answers only
  alerts inside the zone and idles within 4 cells of the anchor. Arrests are as for any guard.
- **Extra or hardened sensors** (`sensor_density`, `hardened`): a street cell of the zone
  holds a sensor with probability max(`sensors.density`, the zone's), a sensor there is
  hardened with max(`sensors.hardened`, the zone's); changing either re-places the sensors.
- **Containment in a zone only** (`containment = true`, with `containment.enabled` off): crew
  on a zone cell covered by an active sensor may be trapped as under city-wide containment, and
  active sensors clean the toxicity of the zone cells in their radius (same rates).
- **Clean-up**: `waste_cleanup` removes that share of the waste on every zone cell each tick
  right after generation (before agents look for waste); `toxicity_cleanup` that share of
  the toxicity in the sensors phase.
- **Burglary suppression** (`short2008`): a burglar on a zone cell burgles with probability
  (1 − s)(1 − exp(−A δt)); one who does not moves on as usual. Nothing else changes, so every
  burglar still leaves only by burgling: suppression cannot change the city-wide burglary rate
  (Γ per cell per unit time in equilibrium), only where burglaries happen.

## Rules the story left open

The story names the actors; these choices are NanoCity's and are parameters where it
matters: all cells are walkable and agents move one king step per tick; every crime raises
attractiveness but only *reported* ones drive recruitment; a heist is held by outnumbering
`guard_weight` × guards, consecutively; stolen Heart stock fences at its own price; trapped
crew are easy to arrest and cannot hold the Heart; a sick recycler recovers only at home;
sensors detect independently; crew who see leaked guard positions avoid cells next to guards.


## Worlds (the shipped files)

| file | what it shows |
|---|---|
| `worlds/default.toml` | 64×64 procedural city, every mechanic active; well under a second for 1,000 ticks. Also compiled into the binary |
| `worlds/heist.toml` | the story (below) |
| `worlds/metropolis.toml` | 1024×1024 cells, 50,000 agents, for performance |
| `worlds/megacity.toml` | 4096×4096 cells, 1,000,000 agents: the metropolis at 16× the area, just under 1 GB of memory, 4–5 ticks per second on two cores |
| `worlds/short2008.toml` | Short et al. (2008)'s burglary model alone, on a 128×128 lattice |
| `worlds/harbour.toml` | a hand-drawn 48×32 harbour town from an ASCII map file (`harbour.txt`) with eight sensors drawn in the map |
| `worlds/harbour-image.toml` | the same town from a colour-coded PNG map (`harbour.png`); a test checks both give identical runs |
| `worlds/ringtown.toml` | a 72×72 radial city drawn as a PNG map (`ringtown.png`): central Heart, ring roads and avenues, an industrial crescent with the hideouts |

**The heist story** (`nanocity run worlds/heist.toml --frame-every 20`, seed 2085; model
version 2). The crew grows on black-market sales and hacks sensors (`sensors_hacked` 13 by
tick 360, 26 by 699); at tick 417 it is strong enough (22 free members) and takes the Heart in
15 ticks (`heist_losses` 327 at 432: the reservoir falls from 545 to 218); the community
recruits guards (4 → 6 by tick 400, 8 by 650). The heist Dumpsley planned for 650 starts with
38 members and takes the Heart in 7 ticks (the reservoir falls from 471 to 189). At tick 700 a
schedule entry rebuilds Zia's network hardened, denser and wider and switches on containment:
`sensors_hacked` drops to 0, guards (12 by then) switch to sensor dispatch, `toxicity_cleaned`
sums to 1,098 and mean toxicity falls from 0.087 (tick 600) to 0.003 (tick 1000). At 800 the
workshops begin: `education_level` climbs to 1 and `recyclers` from 52 to 124 by tick 1200.
Containment slows the crew but does not stop it in this run: a third heist (907, 28 members)
takes the Heart in 9 ticks (the reservoir falls from 962 to 393) — and five ticks later, at
921, a guard arrests the one member who carried all 586 units away, and they go back to the
Heart. A fourth heist starts at 1166 and is still under way at the end; the reservoir ends at
1,505. Gross, the heists took 1,197 units (`heist_losses`); net of the loot arrests brought
back, 371 (`heist_losses_net`): most of the harm the gross figure shows was undone. (Under model version 1 the
same seed told another story from tick 360 on — a second heist at 632, a third that failed at
752; one seed is one story, and `nanocity sweep` over seeds says how often containment holds.)

## Short et al. (2008) burglars

`crew.behavior = "short2008"` replaces the crew by the paper's
burglars and switches off everything else that is zero in that world: each tick is δt; a
burglar at s burgles with probability 1 − exp(−A_s δt) (event `burglary`, E_s += 1) and leaves;
otherwise it moves to one of its 4 neighbours with probability ∝ A; then B is updated (above);
then new burglars appear at each cell with probability Γ δt (`crew.spawn_rate` = Γ). The
homogeneous equilibrium is B̄ = θΓ/ω and a burglar density n̄ = Γδt / (1 − exp(−Ā δt)) with
Ā = A0 + B̄. With the shipped (η, θ, Γ) = (0.2, 0.56, 0.019), ω = 1/15, A0 = 1/30,
δt = 0.01: B̄ = 0.1596, Ā = 0.1929, n̄ = 0.0986 per cell, 1,615 burglars on 128×128. In the
outputs, `attractiveness_mean` settles at Ā (0.192 over ticks 5,000–20,000) and `crew` at
≈1,615 (1,546–1,694), while `attractiveness_max` stays near 0.75: no hotspots. With
`--set crime.eta=0.03` (the paper's stable-hotspot set) the mean is unchanged but
`attractiveness_max` rises to ≈2.2 and stays, the burglar count falls to ≈710 as burglars
are absorbed where A is high, and the attractiveness frames (`frames.layer =
"attractiveness"`) and `attractiveness_*.npy` snapshots show a lattice of stable hotspots:

![Stable hotspots, η = 0.03, tick 20,000](short2008-hotspots-eta003.png)

The equilibrium is a test (`Short2008Tests`): on a 40×40 lattice started at B̄ and n̄, the
time-averaged mean B and burglar density stay within 12% of theory.
"""#
}
