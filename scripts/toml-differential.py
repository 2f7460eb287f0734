#!/usr/bin/env python3
"""Differential fuzz of NanoCity's TOML parser against Python's tomllib (TOML 1.0).

Generates random TOML documents (a grammar-based generator covering every value kind and the
table-definition rules), mutates some of them byte by byte, seeds from worlds/*.toml and the
toml-test valid files, and checks that both parsers accept and reject the same documents and
give the same values. Disagreements are written to OUT/ for replay.

    python3 scripts/toml-differential.py [--seconds 60] [--seed 1] [--out output/toml-diff]

Builds `toml-dump` from Sources/NanoCityTOML + fuzz/TOMLDump.swift with swiftc (no package
build). Exit status 1 when any disagreement was found.

Known, deliberate differences (not counted): a leading UTF-8 byte-order mark (we skip it as
toml-test's valid/utf8-bom files require; tomllib rejects it); fractional seconds beyond
microseconds (we keep every digit, tomllib truncates: compared at microseconds); integers
outside the signed 64-bit range (TOML 1.0 says a parser must reject what it cannot hold
losslessly; tomllib keeps Python's big integers).
"""
import argparse, datetime, glob, json, math, os, random, subprocess, sys, tempfile, time, tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(dump):
    sources = sorted(glob.glob(os.path.join(ROOT, "Sources/NanoCityTOML/*.swift")))
    newest = max(os.path.getmtime(p) for p in sources + [os.path.join(ROOT, "fuzz/TOMLDump.swift")])
    if os.path.exists(dump) and os.path.getmtime(dump) > newest:
        return
    os.makedirs(os.path.dirname(dump), exist_ok=True)
    subprocess.run(["swiftc", "-O", "-parse-as-library", "-module-name", "TOMLDump", *sources,
                    os.path.join(ROOT, "fuzz/TOMLDump.swift"), "-o", dump], check=True)


# ---------------------------------------------------------------- generator

BARE = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_-"


class Gen:
    def __init__(self, rng):
        self.r = rng
        self.names = ["a", "b", "c", "x", "tbl", "arr", "1", "-", "_"]

    def key_part(self):
        r = self.r
        k = r.random()
        if k < 0.6:
            return r.choice(self.names) if r.random() < 0.6 else "".join(r.choice(BARE) for _ in range(r.randint(1, 6)))
        if k < 0.8:
            return '"' + r.choice(["", "a b", "é", "a.b", "\\u00e9", "\\\"", "\\n", "x\\ty", "🙂", "[x]"]) + '"'
        return "'" + r.choice(["", "a b", "a.b", "é", "\\n", "\"q\""]) + "'"

    def key(self):
        parts = [self.key_part() for _ in range(self.r.choice([1, 1, 1, 2, 2, 3]))]
        sep = self.r.choice([".", ".", " . ", "\t.", ". "])
        return sep.join(parts)

    def string(self):
        r = self.r
        k = r.random()
        body = "".join(r.choice(["a", " ", "é", "🙂", "\\n", "\\t", "\\\"", "\\\\", "\\u0041", "\\U0001F600", "\\b", "\\f",
                                 "\\r", "'", "#", "=", "[", "\\x41", "\\e", "\\u00", "\t"]) for _ in range(r.randint(0, 6)))
        if k < 0.45:
            return '"' + body + '"'
        if k < 0.65:
            return "'" + body.replace("'", "") + "'"
        if k < 0.85:
            inner = "".join(r.choice(["a", "\n", "\r\n", "\\\n   ", "\\  \n\n  x", '"', '""', "\\\"\"\"", "\\u00e9", " ", "\t"])
                            for _ in range(r.randint(0, 6)))
            return '"""' + r.choice(["", "\n"]) + inner + '"""'
        inner = "".join(r.choice(["a", "\n", "'", "''", "\\n", " ", "é"]) for _ in range(r.randint(0, 6)))
        return "'''" + r.choice(["", "\n"]) + inner + "'''"

    def integer(self):
        r = self.r
        return r.choice(["0", "+0", "-0", "42", "-17", "1_000", "1_2_3", "9223372036854775807", "-9223372036854775808",
                         "9223372036854775808", "0xDEADbeef", "0x7FFFFFFFFFFFFFFF", "0x8000000000000000", "0o755", "0b1101",
                         "0b1_0", "0x_1", "01", "1__0", "_1", "1_", "+0x1", "0o8", str(r.randint(-10**6, 10**6))])

    def float(self):
        r = self.r
        return r.choice(["3.14", "-0.0", "+1.5", "1e10", "6.02e+23", "1E-7", "1_000.000_1", "inf", "-inf", "+inf", "nan",
                         "-nan", "+nan", "1e400", "0.1", "1.", ".5", "1e", "1.e5", "00.1", "1e06", "-0e0", "5e-324",
                         "1.7976931348623157e308", repr(r.uniform(-1e6, 1e6))])

    def datetime(self):
        r = self.r
        date = r.choice(["1979-05-27", "2000-02-29", "1900-02-29", "2024-12-31", "0001-01-01", "1979-13-01", "1979-05-32", "79-05-27"])
        time_ = r.choice(["07:32:00", "00:00:00", "23:59:59", "24:00:00", "07:32:60", "07:32:00.999999", "07:32:00.1234567",
                          "07:32", "7:32:00", "07:32:00."])
        off = r.choice(["Z", "z", "+05:30", "-07:00", "+24:00", "", "", "+0530"])
        sep = r.choice(["T", "t", " "])
        k = r.random()
        if k < 0.4:
            return date + sep + time_ + off
        if k < 0.7:
            return date
        return time_

    def value(self, depth=0):
        r = self.r
        k = r.random()
        if depth < 3 and k < 0.15:
            items = [self.value(depth + 1) for _ in range(r.randint(0, 4))]
            seps = [r.choice([",", ", ", ",\n", " ,", ",  # c\n"]) for _ in items]
            body = "".join(v + s for v, s in zip(items, seps))
            if items and r.random() < 0.6:
                body = body.rstrip(", \n#c")
            return "[" + r.choice(["", "\n", " "]) + body + r.choice(["", "\n", " "]) + "]"
        if depth < 3 and k < 0.27:
            pairs = [self.key() + r.choice(["=", " = "]) + self.value(depth + 1) for _ in range(r.randint(0, 3))]
            return "{" + r.choice(["", " "]) + ", ".join(pairs) + r.choice(["", " ", ","]) + "}"
        k = r.random()
        if k < 0.3:
            return self.string()
        if k < 0.5:
            return self.integer()
        if k < 0.7:
            return self.float()
        if k < 0.8:
            return r.choice(["true", "false", "True", "tru"])
        return self.datetime()

    def document(self):
        r = self.r
        lines = []
        for _ in range(r.randint(1, 12)):
            k = r.random()
            if k < 0.15:
                lines.append("[" + r.choice(["", " "]) + self.key() + r.choice(["", " "]) + "]")
            elif k < 0.25:
                lines.append("[[" + self.key() + "]]")
            elif k < 0.3:
                lines.append(r.choice(["", "# comment", "   ", "\t# é"]))
            else:
                lines.append(self.key() + r.choice([" = ", "=", " =\t"]) + self.value() + r.choice(["", "", " # c"]))
        return "\n".join(lines) + r.choice(["", "\n", "\r\n"])


ALPHABET = b"[]{}=.,\"'#\n \t\\_-+:0123456789abefxoEtTzZ\r\x00\x7f\xc3\xa9"


def mutate(rng, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        pos = rng.randint(0, len(b)) if b else 0
        if op < 0.3 and b:
            del b[min(pos, len(b) - 1)]
        elif op < 0.6:
            b[pos:pos] = bytes([rng.choice(ALPHABET)])
        elif op < 0.8 and b:
            b[min(pos, len(b) - 1)] = rng.choice(ALPHABET)
        else:
            lines = bytes(b).split(b"\n")
            if len(lines) > 1:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines.insert(j, lines[i])
                b = bytearray(b"\n".join(lines))
    return bytes(b)


# ---------------------------------------------------------------- comparison

def tagged(v):
    if isinstance(v, dict):
        return {k: tagged(x) for k, x in v.items()}
    if isinstance(v, list):
        return [tagged(x) for x in v]
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, int):
        return ("integer", v)
    if isinstance(v, float):
        return ("float", v)
    if isinstance(v, str):
        return ("string", v)
    if isinstance(v, datetime.datetime):
        off = v.utcoffset()
        return ("datetime" if off is not None else "datetime-local",
                (v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond,
                 None if off is None else int(off.total_seconds() // 60)))
    if isinstance(v, datetime.date):
        return ("date-local", (v.year, v.month, v.day))
    if isinstance(v, datetime.time):
        return ("time-local", (v.hour, v.minute, v.second, v.microsecond))
    raise TypeError(type(v))


def ours_tagged(j):
    if isinstance(j, list):
        return [ours_tagged(x) for x in j]
    if set(j.keys()) == {"type", "value"} and isinstance(j["type"], str) and isinstance(j["value"], str) \
            and j["type"] in ("string", "integer", "float", "bool", "datetime", "datetime-local", "date-local", "time-local"):
        t, s = j["type"], j["value"]
        if t == "string":
            return (t, s)
        if t == "integer":
            return (t, int(s))
        if t == "float":
            return (t, float(s))
        if t == "bool":
            return (t, s == "true")
        return (t, parse_dt(t, s))
    return {k: ours_tagged(x) for k, x in j.items()}


def parse_dt(t, s):
    def clock(c):
        hms, _, frac = c.partition(".")
        h, m, sec = (int(x) for x in hms.split(":"))
        return h, m, sec, int((frac + "000000")[:6]) if frac else 0
    if t == "date-local":
        return tuple(int(x) for x in s.split("-"))
    if t == "time-local":
        return clock(s)
    date, _, rest = s.partition("T")
    y, mo, d = (int(x) for x in date.split("-"))
    off = None
    if t == "datetime":
        if rest.endswith("Z"):
            rest, off = rest[:-1], 0
        else:
            sign = -1 if rest[-6] == "-" else 1
            off = sign * (int(rest[-5:-3]) * 60 + int(rest[-2:]))
            rest = rest[:-6]
        return (y, mo, d, *clock(rest), off)
    return (y, mo, d, *clock(rest), None)


def out_of_range(t):
    if isinstance(t, dict):
        return any(out_of_range(x) for x in t.values())
    if isinstance(t, list):
        return any(out_of_range(x) for x in t)
    return t[0] == "integer" and not (-2**63 <= t[1] < 2**63)


def same(a, b):
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if a[0] != b[0]:
        return False
    if a[0] == "float":
        return (math.isnan(a[1]) and math.isnan(b[1])) or (a[1] == b[1] and math.copysign(1, a[1]) == math.copysign(1, b[1]))
    if a[0] == "datetime-local" or a[0] == "datetime":
        return a[1] == b[1]
    return a[1] == b[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(ROOT, "output/toml-diff"))
    ap.add_argument("--batch", type=int, default=2000)
    args = ap.parse_args()
    dump = os.path.join(ROOT, ".build/toml-dump/toml-dump")
    build(dump)
    rng = random.Random(args.seed)
    gen = Gen(rng)
    seeds = [open(p, "rb").read() for p in sorted(glob.glob(os.path.join(ROOT, "worlds/*.toml")))]
    suite = os.path.join(os.path.dirname(ROOT), "shared/toml-test/tests/valid")
    seeds += [open(p, "rb").read() for p in sorted(glob.glob(suite + "/**/*.toml", recursive=True))]
    os.makedirs(args.out, exist_ok=True)
    start = time.time()
    total = agree_ok = agree_err = 0
    disagreements = 0
    with tempfile.TemporaryDirectory() as tmp:
        while time.time() - start < args.seconds:
            docs = []
            for _ in range(args.batch):
                k = rng.random()
                if k < 0.55:
                    d = gen.document().encode()
                elif k < 0.85:
                    d = mutate(rng, gen.document().encode())
                else:
                    d = mutate(rng, rng.choice(seeds))
                if d.startswith(b"\xef\xbb\xbf"):
                    d = d[3:]
                docs.append(d)
            paths = []
            for i, d in enumerate(docs):
                p = os.path.join(tmp, f"{i}.toml")
                with open(p, "wb") as f:
                    f.write(d)
                paths.append(p)
            out = subprocess.run([dump, *paths], capture_output=True, check=True).stdout.decode().rstrip("\n").split("\n")
            assert len(out) == len(docs), "toml-dump gave %d lines for %d files" % (len(out), len(docs))
            for d, line in zip(docs, out):
                total += 1
                try:
                    theirs = tagged(tomllib.loads(d.decode("utf-8")))
                    theirs_err = None
                    if out_of_range(theirs):
                        theirs, theirs_err = None, "an integer outside 64 bits (known difference)"
                except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError) as e:
                    theirs, theirs_err = None, str(e)
                ours_ok = line.startswith("ok ")
                if ours_ok and theirs is not None:
                    if same(ours_tagged(json.loads(line[3:])), theirs):
                        agree_ok += 1
                        continue
                    why = "values differ"
                elif not ours_ok and theirs is None:
                    agree_err += 1
                    continue
                else:
                    why = "we accept, tomllib rejects: " + theirs_err if ours_ok else "we reject (" + line + "), tomllib accepts"
                disagreements += 1
                name = os.path.join(args.out, f"diff-{disagreements:04d}.toml")
                with open(name, "wb") as f:
                    f.write(d)
                if disagreements <= 20:
                    print(f"{name}: {why}", file=sys.stderr)
    print(f"toml differential: {total} documents in {time.time() - start:.0f} s; both accept {agree_ok}, "
          f"both reject {agree_err}, disagree {disagreements}")
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
