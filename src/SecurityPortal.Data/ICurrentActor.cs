namespace SecurityPortal.Data;

/// <summary>Who is acting, for the audit trail. The web layer reads it from the signed-in user.</summary>
public interface ICurrentActor
{
    string? UserId { get; }
    string? UserName { get; }
    Guid? AgencyId { get; }
    string? TraceId { get; }

    /// <summary>The client's address for a request; null for work no request started.</summary>
    string? ClientAddress => null;
}

/// <summary>The actor of work that no person started (start-up seeding, background jobs, commands).</summary>
public sealed class SystemActor : ICurrentActor
{
    public static SystemActor Instance { get; } = new();

    public string? UserId => null;
    public string? UserName => "system";
    public Guid? AgencyId => null;
    public string? TraceId => null;
}
