import NanoCityEngine

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The standard library has no exp/log; the C library's are deterministic for a given platform.
@inlinable func expD(_ x: Double) -> Double { exp(x) }
@inlinable func powD(_ x: Double, _ y: Double) -> Double { pow(x, y) }
