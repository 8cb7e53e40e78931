namespace SecurityPortal.Web.Imports.Feeds;

/// <summary>
/// The CVSS v3.0/3.1 base score of a vector («CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H» → 9.8), by FIRST's
/// published equations, for OSV records that carry a vector but no number. Anything else (v2, v4, a broken vector) is null.
/// </summary>
public static class CvssV3
{
    public static double? BaseScore(string? vector)
    {
        if (vector is null || !(vector.StartsWith("CVSS:3.1/", StringComparison.Ordinal) || vector.StartsWith("CVSS:3.0/", StringComparison.Ordinal)))
        {
            return null;
        }

        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in vector.Split('/').Skip(1))
        {
            var pair = part.Split(':');
            if (pair.Length != 2 || !metrics.TryAdd(pair[0], pair[1]))
            {
                return null;
            }
        }

        double? Pick(string key, params (string Value, double Weight)[] weights) =>
            metrics.TryGetValue(key, out var v) && weights.FirstOrDefault(w => w.Value == v) is { Value: not null } hit ? hit.Weight : null;

        var changed = metrics.GetValueOrDefault("S") switch { "C" => true, "U" => false, _ => (bool?)null };
        var av = Pick("AV", ("N", 0.85), ("A", 0.62), ("L", 0.55), ("P", 0.2));
        var ac = Pick("AC", ("L", 0.77), ("H", 0.44));
        var pr = Pick("PR", ("N", 0.85), ("L", changed == true ? 0.68 : 0.62), ("H", changed == true ? 0.5 : 0.27));
        var ui = Pick("UI", ("N", 0.85), ("R", 0.62));
        var c = Pick("C", ("H", 0.56), ("L", 0.22), ("N", 0));
        var i = Pick("I", ("H", 0.56), ("L", 0.22), ("N", 0));
        var a = Pick("A", ("H", 0.56), ("L", 0.22), ("N", 0));
        if (changed is null || av is null || ac is null || pr is null || ui is null || c is null || i is null || a is null)
        {
            return null;
        }

        var iss = 1 - ((1 - c.Value) * (1 - i.Value) * (1 - a.Value));
        var impact = changed.Value ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * av.Value * ac.Value * pr.Value * ui.Value;
        if (impact <= 0)
        {
            return 0;
        }

        return RoundUp(changed.Value ? Math.Min(1.08 * (impact + exploitability), 10) : Math.Min(impact + exploitability, 10));
    }

    /// <summary>CVSS v3.1's Roundup: the smallest number with one decimal at least the input, free of floating-point noise.</summary>
    private static double RoundUp(double value)
    {
        var integer = (long)Math.Round(value * 100000);
        return integer % 10000 == 0 ? integer / 100000.0 : (Math.Floor(integer / 10000.0) + 1) / 10.0;
    }
}
