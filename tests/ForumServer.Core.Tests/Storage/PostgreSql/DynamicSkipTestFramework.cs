using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("ForumServer.Core.Tests.Storage.PostgreSql.DynamicSkipTestFramework", "ForumServer.Core.Tests")]

namespace ForumServer.Core.Tests.Storage.PostgreSql;

/// <summary>
/// xunit 2's own framework, plus the dynamic skip xunit 3 has: a test that fails with an exception whose message
/// starts with <c>$XunitDynamicSkip$</c> is reported skipped with the rest of the message as the reason. The store
/// contract suite needs it: its tests are inherited <c>[Fact]</c>s, and the PostgreSQL subclasses only learn in
/// <c>InitializeAsync</c> whether a test server is configured.
/// </summary>
public sealed class DynamicSkipTestFramework(IMessageSink diagnosticMessageSink) : XunitTestFramework(diagnosticMessageSink)
{
    public const string Token = "$XunitDynamicSkip$";

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions) =>
            base.RunTestCases(testCases, new SkippingSink(executionMessageSink), executionOptions);
    }

    private sealed class SkippingSink(IMessageSink inner) : LongLivedMarshalByRefObject, IMessageSink
    {
        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is ITestFailed failed && failed.Messages.FirstOrDefault() is { } text && text.StartsWith(Token, StringComparison.Ordinal))
                return inner.OnMessage(new TestSkipped(failed.Test, text[Token.Length..]));
            return inner.OnMessage(message);
        }
    }
}
