import Testing
@testable import NanoCityStats

/// Reference values from SciPy 1.17 (`scipy.stats.t`), an independent implementation.
@Suite struct StudentTTests {
    @Test(arguments: [(1, 12.706204736174694), (2, 4.302652729749462), (3, 3.1824463052837078),
                      (5, 2.5705818356363146), (10, 2.228138851986274), (30, 2.0422724563012378),
                      (100, 1.9839715185235518)])
    func quantileMatchesSciPy(df: Int, expected: Double) {
        #expect(abs(StudentT.quantile(0.975, df: Double(df)) - expected) < 1e-10 * expected)
        #expect(abs(StudentT.critical95(df: df) - expected) < 1e-10 * expected)
        #expect(abs(StudentT.quantile(0.025, df: Double(df)) + expected) < 1e-10 * expected)
    }

    @Test func cdfAndPValuesMatchSciPy() {
        #expect(abs(StudentT.cdf(1.5, df: 4) - 0.896) < 1e-12)
        #expect(abs(StudentT.cdf(-2.2, df: 7) - 0.03186550765131839) < 1e-12)
        #expect(abs(StudentT.twoSidedP(3.1, df: 12) - 0.009189996378391336) < 1e-12)
        #expect(StudentT.cdf(0, df: 3) == 0.5)
    }

    @Test func normalQuantile() {
        #expect(abs(StandardNormal.z975 - 1.959963984540054) < 1e-12)
        #expect(abs(StandardNormal.cdf(1.959963984540054) - 0.975) < 1e-14)
    }
}
