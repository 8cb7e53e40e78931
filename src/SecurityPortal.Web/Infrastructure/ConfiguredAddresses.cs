using System.Net;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// IP addresses and CIDR ranges read from configuration. A malformed entry stops the start with a message that names its
/// setting. IPv4 is taken only in its usual dotted form: «10.1» or «010.0.0.5» would otherwise be read as 10.0.0.1 and
/// 8.0.0.5 (the old inet_aton forms), which is never what an operator meant.
/// </summary>
public static class ConfiguredAddresses
{
    public static List<IPAddress> Addresses(string key, IEnumerable<string> values) =>
        [.. values.Select(text => TryAddress(text, out var address)
            ? address
            : throw new PortalConfigurationException($"{key}: «{text}» không phải là địa chỉ IP (ví dụ 10.0.0.5)."))];

    public static List<IPNetwork> Networks(string key, IEnumerable<string> values) =>
        [.. values.Select(text => text.Split('/') is [var address, _] && TryAddress(address, out _) && IPNetwork.TryParse(text.Trim(), out var network)
            ? network
            : throw new PortalConfigurationException($"{key}: «{text}» không phải là dải địa chỉ CIDR (ví dụ 10.0.0.0/8)."))];

    private static bool TryAddress(string text, out IPAddress address)
    {
        text = text.Trim();
        return IPAddress.TryParse(text, out address!)
            && (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || address.ToString() == text);
    }
}
