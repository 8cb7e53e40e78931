using SecurityPortal.Data;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SecurityPortal.Tests;

/// <summary>
/// A fact that only some runs of ./test.sh discover. Elsewhere it is not discovered at all — not run for nothing, not
/// counted as passed, not reported as skipped.
/// </summary>
public abstract class ConditionalFactDiscoverer(IMessageSink diagnosticMessageSink, bool discovered) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _fact = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        discovered ? _fact.Discover(discoveryOptions, testMethod, factAttribute) : [];
}

/// <summary>A fact of the PostgreSQL run only (PORTAL_TEST_DB=postgres): it brings its own server and needs no second run.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("SecurityPortal.Tests.PostgreSqlRunFactDiscoverer", "SecurityPortal.Web.Tests")]
public sealed class PostgreSqlRunFactAttribute : FactAttribute;

public sealed class PostgreSqlRunFactDiscoverer(IMessageSink diagnosticMessageSink)
    : ConditionalFactDiscoverer(diagnosticMessageSink, TestDatabase.SelectedProvider == DatabaseProvider.PostgreSql);

/// <summary>
/// A fact of ./test.sh's audit run only (PORTAL_AUDIT_WITNESS_CHECK set), after both web runs have written their
/// <see cref="AuditWitness"/> files: on its own it would have nothing to read.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("SecurityPortal.Tests.AuditCoverageFactDiscoverer", "SecurityPortal.Web.Tests")]
public sealed class AuditCoverageFactAttribute : FactAttribute;

public sealed class AuditCoverageFactDiscoverer(IMessageSink diagnosticMessageSink)
    : ConditionalFactDiscoverer(diagnosticMessageSink, !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(AuditWitness.DirectoryVariable + "_CHECK")));
