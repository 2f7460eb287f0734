"""Reader/writer for NanoCity checkpoint format 6 (state layout 2), mirroring
Sources/NanoCityIO/Runs/Checkpoint.swift and Sources/NanoCityModel/Simulation/CityState.swift.

c = Ckpt.load(path); c['city.recyclers.state'][0] = 7; c.save(out)   # resealed: checksum valid
Items keep their order; arrays are numpy arrays (edit in place or replace), scalars plain values.
"""
import struct
import numpy as np

MAGIC = b"NANOCITY-CKPT\r\n\x1a"
ARR = {"B": np.uint8, "i": np.int32, "I": np.uint32, "H": np.uint16, "q": np.int64, "f": np.float32, "d": np.float64}
SC = {"u8": "<B", "u32": "<I", "i32": "<i", "u64": "<Q", "i64": "<q", "f64": "<d", "bool": "<B"}


def fnv1a(b):
    h = 0xcbf29ce484222325
    for x in b:
        h = ((h ^ x) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def fnv1a_fast(b):
    # numpy-free pure python is slow for 40 MB; this is fine for the small worlds used here
    return fnv1a(b)


class Reader:
    def __init__(self, b):
        self.b, self.o = b, 0

    def sc(self, t):
        f = SC[t]
        n = struct.calcsize(f)
        v = struct.unpack_from(f, self.b, self.o)[0]
        self.o += n
        return v

    def s(self):
        n = self.sc("u64")
        v = self.b[self.o:self.o + n]
        self.o += n
        return v.decode("utf-8", "replace")

    def arr(self, t):
        n = self.sc("u64")
        dt = np.dtype(ARR[t]).newbyteorder("<")
        v = np.frombuffer(self.b, dtype=dt, count=n, offset=self.o).copy()
        self.o += n * dt.itemsize
        return v

    def pv(self):
        tag = self.sc("u8")
        if tag == 0:
            return ("int", self.sc("i64"))
        if tag == 1:
            return ("double", self.sc("f64"))
        if tag == 2:
            return ("bool", self.sc("u8"))
        if tag == 3:
            return ("string", self.s())
        raise ValueError("tag %d" % tag)


class Writer:
    def __init__(self):
        self.parts = []

    def sc(self, t, v):
        self.parts.append(struct.pack(SC[t], v))

    def s(self, v):
        b = v.encode("utf-8") if isinstance(v, str) else v
        self.sc("u64", len(b))
        self.parts.append(b)

    def arr(self, t, a, count=None):
        a = np.asarray(a, dtype=np.dtype(ARR[t]).newbyteorder("<"))
        self.sc("u64", len(a) if count is None else count)
        self.parts.append(a.tobytes())

    def pv(self, v):
        kind, x = v
        tag = {"int": 0, "double": 1, "bool": 2, "string": 3}[kind]
        self.sc("u8", tag)
        if kind == "int":
            self.sc("i64", x)
        elif kind == "double":
            self.sc("f64", x)
        elif kind == "bool":
            self.sc("u8", x)
        else:
            self.s(x)

    def bytes(self):
        return b"".join(self.parts)


def read_params(r):
    n = r.sc("u64")
    params = [(r.s(), r.pv()) for _ in range(n)]
    sched = []
    for _ in range(r.sc("u64")):
        t = r.sc("i64")
        k = r.sc("u64")
        sched.append((t, [(r.s(), r.pv()) for _ in range(k)]))
    return {"params": params, "schedule": sched}


def write_params(w, p):
    w.sc("u64", len(p["params"]))
    for k, v in p["params"]:
        w.s(k)
        w.pv(v)
    w.sc("u64", len(p["schedule"]))
    for t, ch in p["schedule"]:
        w.sc("i64", t)
        w.sc("u64", len(ch))
        for k, v in ch:
            w.s(k)
            w.pv(v)


# (name, type) in file order for the city after its params
CITY = [("rng0", "u64"), ("rng1", "u64"), ("rng2", "u64"), ("rng3", "u64"), ("agentSeed", "u64"), ("tick", "i64"),
        ("waste", "aF"), ("components", "aF"), ("toxicity", "aF"), ("attractiveness", "aF"),
        ("recyclers.id", "aq"), ("recyclers.cell", "ai"), ("recyclers.state", "aB"), ("recyclers.load", "af"),
        ("recyclers.health", "af"), ("recyclers.target", "ai"), ("recyclers.home", "ai"),
        ("scavengers.id", "aq"), ("scavengers.cell", "ai"), ("scavengers.state", "aB"), ("scavengers.load", "af"),
        ("scavengers.target", "ai"), ("scavengers.idle", "ai"),
        ("crew.id", "aq"), ("crew.cell", "ai"), ("crew.state", "aB"), ("crew.loot", "af"), ("crew.lootValue", "af"),
        ("crew.target", "ai"), ("crew.jail", "ai"), ("crew.trapped", "aB"), ("crew.heistLoot", "af"),
        ("guards.id", "aq"), ("guards.cell", "ai"), ("guards.state", "aB"), ("guards.target", "ai"), ("guards.station", "ai"),
        ("informants.id", "aq"), ("informants.cell", "ai"), ("informants.state", "aB"),
        ("sensors.cell", "ai"), ("sensors.hardened", "aB"), ("sensors.hacked", "aB"), ("sensors.coverActive", "aH"),
        ("sensors.coverHackable", "aH"), ("sensors.coverHacked", "aH"), ("sensors.sensorAt", "ai"), ("sensors.hackedCount", "i64"),
        ("centres.queue", "ad"), ("centres.components", "ad"),
        ("crewIndex.head", "ai"), ("crewIndex.next", "ai"), ("crewIndex.prev", "ai"), ("crewIndex.cell", "ai"), ("crewIndex.count", "aH"),
        ("guardCount", "aI"), ("reservoir", "f64"), ("crewCash", "f64"), ("publicHealth", "f64"),
        ("c.delivered", "f64"), ("c.recycled", "f64"), ("c.thefts", "i64"), ("c.stolen", "f64"), ("c.dumps", "i64"),
        ("c.dumpsDetected", "i64"), ("c.arrests", "i64"), ("c.alerts", "i64"), ("c.hacks", "i64"), ("c.heistAttempts", "i64"),
        ("c.heistLosses", "f64"), ("c.salesLegal", "f64"), ("c.salesBlack", "f64"), ("c.guardsRecruited", "i64"),
        ("c.crewRecruited", "i64"), ("c.recyclersRecruited", "i64"), ("c.toxicityCleaned", "f64"), ("c.littered", "f64"),
        ("c.burglaries", "i64"), ("c.heistReturned", "f64"), ("c.tips", "i64"), ("c.informantsSilenced", "i64"), ("events", "EV"), ("alertCell", "ai"), ("alertTick", "ai"), ("alertTTL", "ai"), ("crimeWindow", "ai"),
        ("heist.active", "bool"), ("heist.start", "i64"), ("heist.hold", "i64"), ("heist.lastEnd", "i64"), ("nextID", "i64"),
        ("educationLevel", "f64"), ("tipCell", "ai"), ("tipDue", "ai"), ("tipAgent", "aq")]


class Ckpt:
    def __init__(self):
        self.h = {}
        self.d = {}
        self.trailer = b""
        self.version = 6
        self.bom = 0x01020304

    def __getitem__(self, k):
        return self.d[k]

    def __setitem__(self, k, v):
        self.d[k] = v

    @classmethod
    def load(cls, path):
        b = open(path, "rb").read()
        assert b[:16] == MAGIC, "magic"
        c = cls()
        c.version, c.bom, length, c.sum = struct.unpack_from("<IIQQ", b, 16)
        p = b[40:]
        r = Reader(p)
        d = c.d
        d["program"] = r.s()
        d["stateVersion"] = r.sc("u32")
        d["tick"] = r.sc("i64")
        d["seed"] = r.sc("u64")
        d["ticks"] = r.sc("i64")
        d["fingerprint"] = r.sc("u64")
        d["origin"] = r.s()
        d["base"] = r.s()
        d["overrides"] = [(r.s(), r.pv()) for _ in range(r.sc("u64"))]
        d["world"] = read_params(r)
        d["frames"] = [(r.s(), r.pv()) for _ in range(r.sc("u64"))]
        d["width"] = r.sc("i64")
        d["height"] = r.sc("i64")
        d["terrain"] = r.arr("B")
        d["sensorCells"] = r.arr("i")
        d["city.params"] = read_params(r)
        for name, t in CITY:
            key = "city." + name
            if t == "EV":
                d[key] = [(r.sc("i32"), r.s(), r.sc("i32"), r.sc("i32"), r.sc("i64"), r.sc("f64")) for _ in range(r.sc("u64"))]
            elif t.startswith("a"):
                d[key] = r.arr("f" if t == "aF" else t[1])
            else:
                d[key] = r.sc(t)
        c.trailer = p[r.o:]
        return c

    def payload(self):
        w = Writer()
        d = self.d
        w.s(d["program"])
        w.sc("u32", d["stateVersion"])
        w.sc("i64", d["tick"])
        w.sc("u64", d["seed"])
        w.sc("i64", d["ticks"])
        w.sc("u64", d["fingerprint"])
        w.s(d["origin"])
        w.s(d["base"])
        w.sc("u64", len(d["overrides"]))
        for k, v in d["overrides"]:
            w.s(k)
            w.pv(v)
        write_params(w, d["world"])
        w.sc("u64", len(d["frames"]))
        for k, v in d["frames"]:
            w.s(k)
            w.pv(v)
        w.sc("i64", d["width"])
        w.sc("i64", d["height"])
        w.arr("B", d["terrain"])
        w.arr("i", d["sensorCells"])
        write_params(w, d["city.params"])
        for name, t in CITY:
            v = d["city." + name]
            if t == "EV":
                w.sc("u64", len(v))
                for (tk, kind, x, y, ag, am) in v:
                    w.sc("i32", tk); w.s(kind); w.sc("i32", x); w.sc("i32", y); w.sc("i64", ag); w.sc("f64", am)
            elif t.startswith("a"):
                w.arr("f" if t == "aF" else t[1], v)
            else:
                w.sc(t, v)
        return w.bytes() + self.trailer

    def save(self, path, payload=None, length=None, checksum=None):
        p = self.payload() if payload is None else payload
        hdr = MAGIC + struct.pack("<IIQQ", self.version, self.bom, len(p) if length is None else length,
                                  fnv1a(p) if checksum is None else checksum)
        open(path, "wb").write(hdr + p)
        return path


def reseal(raw_payload, path, version=6):
    """Write an arbitrary payload with a valid header and checksum."""
    hdr = MAGIC + struct.pack("<IIQQ", version, 0x01020304, len(raw_payload), fnv1a(raw_payload))
    open(path, "wb").write(hdr + raw_payload)


def param(plist, key):
    for k, v in plist:
        if k == key:
            return v
    raise KeyError(key)


def set_param(plist, key, value):
    for i, (k, v) in enumerate(plist):
        if k == key:
            plist[i] = (k, value)
            return
    raise KeyError(key)
