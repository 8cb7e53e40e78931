namespace SecurityPortal.Web.Infrastructure;

/// <summary>A configuration value that prevents the portal from starting; the message tells the operator what to change.</summary>
public sealed class PortalConfigurationException : Exception
{
    public PortalConfigurationException(string message) : base(message)
    {
    }

    public PortalConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public PortalConfigurationException()
    {
    }
}
