// The default world compiled into the binary so that `nanocity run` works without files.
// Must stay byte-identical to worlds/default.toml (a test checks it); regenerate with
// scripts/embed-default-world.sh after editing that file.
enum EmbeddedWorlds {
    static let defaultTOML = #"""
# NanoCity default world: a small 64×64 city with every mechanic switched on.
# Every key is optional; anything left out takes its documented default
# (README "Parameter reference", or `nanocity params`).

name = "default"
description = "Small procedural city: recyclers, scavengers, Dumpsley's crew, guards and sensors."

[run]
ticks = 500          # ticks when --ticks is not given
seed = 1             # PRNG seed when --seed is not given

[map]
kind = "procedural"  # procedural | ascii | image
width = 64           # cells
height = 64          # cells
seed = 7             # layout seed: replicates with different run seeds share this city
block = 8            # a street every 8 cells
centres = 3
stations = 2
hideouts = 1
park_share = 0.15
industrial_share = 0.25

[scale]                # what a cell and a tick stand for: the units of `nanocity patterns`
metres_per_cell = 10.0 # the 64×64 city is 640 m across
hours_per_tick = 1.0

[waste]
residential_rate = 0.0005   # mass per residential cell per tick
industrial_rate = 0.001    # mass per industrial cell per tick
improper_share = 0.3      # littered share at education 0
litter_toxicity = 0.1     # tox per unit of littered waste

[components]
industrial_rate = 0.0002   # mass per industrial cell per tick

[toxicity]
diffusion = 0.2           # NetLogo diffuse rate
decay = 0.99             # per tick, after diffusion
industrial_rate = 0.0005   # tox per industrial cell per tick

[centres]
process_rate = 2.0
efficiency = 0.8
component_transfer = 0.02

[reservoir]
initial = 100.0

[recyclers]
count = 50
max = 400
capacity = 2.0
sense_radius = 6
health_loss = 0.05
sick_threshold = 0.3
recovery_rate = 0.02

[scavengers]
count = 15
capacity = 0.5
sense_radius = 8
risk_aversion = 2.0
choice_noise = 0.5
patience = 60

[market]
centre_price = 1.0
black_price = 1.6
stock_price = 0.2         # fence price of stolen Heart stock

[crew]
behavior = "city"
count = 8
max = 60
steal_amount = 1.0
dump_prob = 0.02
dump_toxicity = 5.0
sensor_awareness = 0.8
hack_prob = 0.002
recruit_cost = 6.0

[crime]                   # Short et al. (2008) attractiveness field
a0 = 0.03333333333333333
theta = 0.56
eta = 0.2
omega = 0.06666666666666667
dt = 1.0
move_bias = 1.0

[guards]
count = 6
max = 60
patrol = "hotspot"        # random | hotspot | sensor
reach = 1
arrest_prob = 0.3
jail_ticks = 100
recruit_threshold = 5
recruit_window = 50
recruit_size = 2

[sensors]
density = 0.03            # share of street cells with a sensor
radius = 3
detect_prob = 0.5
hardened = 0.0
alert_ttl = 30
waste_tracking = 3        # extra recycler sensing radius where a sensor reports

[containment]
enabled = false
slow = 0.7
trapped_arrest_prob = 0.9
clean_rate = 0.05
recovery = 0.5

[heist]
tick = -1                 # no scheduled heist
strength = 25             # free crew that triggers one
hold_ticks = 10
loss_fraction = 0.5
radius = 2
guard_weight = 2.0
max_duration = 150
cooldown = 200

[education]
level = 0.2
workshop_every = 100
workshop_gain = 0.05
decay = 0.0
disposal_effect = 0.8
recruit_rate = 0.05
black_market_effect = 1.0

[health]
toxicity_scale = 1.0

[frames]
scale = 0                 # 0 = about 512 px across
toxicity_max = 2.0
waste_max = 2.0

"""#
}
