namespace SecurityPortal.Domain.Common;

/// <summary>A broken business rule. The message is written for the user, in Vietnamese.</summary>
public class DomainException : Exception
{
    public DomainException(string message) : base(message)
    {
    }

    public DomainException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DomainException()
    {
    }
}
