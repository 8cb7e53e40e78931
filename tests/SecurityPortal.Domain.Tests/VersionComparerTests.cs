using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Tests;

/// <summary>The three orderings: tables of real versions, then the ordering laws on seeded random versions.</summary>
public sealed class VersionComparerTests
{
    public static TheoryData<string, string> GenericAscending => new()
    {
        { "1.1.1", "1.1.1a" },
        { "1.1.1k", "1.1.1w" },
        { "1.1.1w", "3.0.0" },
        { "1.0.0-rc1", "1.0.0" },
        { "1.0.0-alpha", "1.0.0-beta" },
        { "1.0.0-beta.2", "1.0.0-rc.1" },
        { "1.0~rc1", "1.0" },
        { "2.4.57", "2.4.58 (Ubuntu)" },
        { "v2.4", "2.4.1" },
        { "10.0.17763.5329", "10.0.20348.2227" },
        { "10.0.19045.3803", "10.0.19045.3930" },
        { "6.2.9200.16384", "10.0.14393.0" },
        { "1:1.0", "2:0.1" },
        { "9.9", "1:0.1" },
        { "8.0.1-rc2", "8.0.1" },
    };

    public static TheoryData<string, string> DebianAscending => new()
    {
        { "1.0~rc1-1", "1.0-1" },
        { "1.0-1", "1.0-1ubuntu1" },
        { "2.4.58-1", "2.4.58-1+deb12u1" },
        { "3.0.11-1~deb12u1", "3.0.11-1~deb12u2" },
        { "3.0.11-1~deb12u2", "3.0.11-1" },
        { "1.1.1k-1", "1.1.1w-0+deb11u1" },
        { "7.88.1-10+deb12u5", "1:7.0-1" },
        { "1.2.3~~", "1.2.3~" },
        { "1.2.3~", "1.2.3" },
        { "1.2.3", "1.2.3+b1" },
        { "2.36-9+deb12u3", "2.36-9+deb12u10" },
        { "1.0a", "1.0+" },
    };

    public static TheoryData<string, string> RpmAscending => new()
    {
        { "1.1.1k-7.el8_6", "1.1.1k-9.el8_7" },
        { "3.0.7-25.el9", "3.0.7-27.el9_3" },
        { "2.4.37-51.module+el8.7.0", "2.4.37-56.module+el8.8.0" },
        { "1.0~rc1-1", "1.0-1" },
        { "1.0-1", "1.0^git1-1" },
        { "1.0a-1", "1.0.1-1" },
        { "1:1.0-1", "2:0.9-1" },
        { "5.14.0-362.8.1.el9_3", "5.14.0-362.13.1.el9_3" },
    };

    [Theory]
    [MemberData(nameof(GenericAscending))]
    public void Generic_versions_of_real_products_sort_in_release_order(string older, string newer) => Ascending(VersionComparer.Generic, older, newer);

    [Theory]
    [MemberData(nameof(DebianAscending))]
    public void Debian_package_versions_sort_as_dpkg_does(string older, string newer) => Ascending(VersionComparer.Debian, older, newer);

    [Theory]
    [MemberData(nameof(RpmAscending))]
    public void Rpm_package_versions_sort_as_rpm_does(string older, string newer) => Ascending(VersionComparer.Rpm, older, newer);

    [Theory]
    [InlineData("1.0", "1.00")]
    [InlineData("0:1.0-1", "1.0-1")]
    [InlineData("1.0-0", "1.0")]
    public void Debian_versions_written_differently_can_be_equal(string a, string b)
    {
        Assert.True(VersionComparer.Debian.Equals(a, b));
        Assert.Equal(VersionComparer.Debian.GetHashCode(a), VersionComparer.Debian.GetHashCode(b));
    }

    [Fact]
    public void The_generic_ordering_ignores_a_package_revision_and_the_package_orderings_do_not()
    {
        Assert.Equal(0, VersionComparer.Generic.Compare("2.4.58-1ubuntu1", "2.4.58"));
        Assert.True(VersionComparer.Debian.Compare("2.4.58-1ubuntu1", "2.4.58") > 0);
        Assert.True(VersionComparer.Rpm.Compare("2.4.58-1.el9", "2.4.58") > 0);
    }

    [Theory]
    [InlineData(VersionScheme.Generic)]
    [InlineData(VersionScheme.Debian)]
    [InlineData(VersionScheme.Rpm)]
    public void Text_that_is_not_a_version_sorts_first_and_ordinally(VersionScheme scheme)
    {
        var comparer = VersionComparer.For(scheme);
        Assert.False(comparer.IsVersion("bản mới nhất"));
        Assert.False(comparer.IsVersion(null));
        Assert.True(comparer.Compare("bản mới nhất", "0.1") < 0);
        Assert.True(comparer.Compare(null, "abc") < 0);
        Assert.Equal(0, comparer.Compare(" abc ", "abc"));
    }

    [Theory]
    [InlineData(VersionScheme.Generic, 20261207)]
    [InlineData(VersionScheme.Debian, 20261208)]
    [InlineData(VersionScheme.Rpm, 20261209)]
    public void Every_ordering_obeys_the_ordering_laws_on_random_versions(VersionScheme scheme, int seed)
    {
        var comparer = VersionComparer.For(scheme);
        var random = new Random(seed);
        var versions = Enumerable.Range(0, 120).Select(_ => RandomVersion(random)).ToList();

        foreach (var a in versions)
        {
            Assert.Equal(0, comparer.Compare(a, a));
            foreach (var b in versions)
            {
                var ab = Math.Sign(comparer.Compare(a, b));
                Assert.True(ab == -Math.Sign(comparer.Compare(b, a)), $"antisymmetry: {a} vs {b}");
                Assert.True((ab == 0) == comparer.Equals(a, b), $"equality: {a} vs {b}");
                if (ab == 0)
                {
                    Assert.True(comparer.GetHashCode(a) == comparer.GetHashCode(b), $"hash: {a} vs {b}");
                }
            }
        }

        for (var i = 0; i < 20_000; i++)
        {
            var a = versions[random.Next(versions.Count)];
            var b = versions[random.Next(versions.Count)];
            var c = versions[random.Next(versions.Count)];
            if (comparer.Compare(a, b) <= 0 && comparer.Compare(b, c) <= 0)
            {
                Assert.True(comparer.Compare(a, c) <= 0, $"transitivity: {a} <= {b} <= {c}");
            }
        }

        // A sort is then the same whatever the order it starts from.
        var sorted = versions.Order(comparer).ToList();
        var shuffled = versions.OrderBy(_ => random.Next()).Order(comparer).ToList();
        Assert.True(sorted.Zip(shuffled).All(p => comparer.Equals(p.First, p.Second)));
    }

    /// <summary>Versions built from the pieces real ones are made of, small numbers so that ties happen.</summary>
    private static string RandomVersion(Random random)
    {
        string[] words = ["rc", "beta", "alpha", "ubuntu", "deb", "el", "a", "k", "git", "fips"];
        string[] separators = [".", ".", ".", "-", "~", "+", "_", "^"];
        var text = random.Next(6) == 0 ? $"{random.Next(3)}:" : string.Empty;
        text += random.Next(4) == 0 ? "0" + random.Next(3) : random.Next(4).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pieces = random.Next(5);
        for (var i = 0; i < pieces; i++)
        {
            text += separators[random.Next(separators.Length)];
            text += random.Next(3) == 0 ? words[random.Next(words.Length)] : random.Next(12).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (random.Next(8) == 0)
        {
            text += (char)('a' + random.Next(3));
        }

        return random.Next(10) == 0 ? text + " (Ubuntu)" : text;
    }

    private static void Ascending(VersionComparer comparer, string older, string newer)
    {
        Assert.True(comparer.IsVersion(older), older);
        Assert.True(comparer.IsVersion(newer), newer);
        Assert.True(comparer.Compare(older, newer) < 0, $"{older} < {newer}");
        Assert.True(comparer.Compare(newer, older) > 0, $"{newer} > {older}");
        Assert.False(comparer.Equals(older, newer));
    }
}
