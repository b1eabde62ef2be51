using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Huella.Server.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Huella.Server.Tests;

/// <summary>Request paths carry cédulas (/persons/by-cedula/…): none may reach the logs at Information or above.</summary>
public sealed class LogPrivacyTests
{
    [Fact]
    public async Task No_cedula_reaches_the_logs_at_information_or_above()
    {
        using var sink = new LogSink();
        await using (var registry = await TestRegistry.StartAsync(configure: builder => builder.Logging.AddProvider(sink)))
        {
            using var enroller = ServerKeys.Client(registry.Address, Roles.Enroller);
            using var verifier = ServerKeys.Client(registry.Address, Roles.Verifier);
            Assert.Equal(HttpStatusCode.Created, (await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-31100001", ServerKeys.Finger(2, 109, 1)))).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-31100001", ServerKeys.Finger(2, 109, 1)))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await verifier.GetAsync("/api/v1/persons/by-cedula/V-31100001")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await verifier.GetAsync("/api/v1/persons/by-cedula/V-31100002")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await verifier.PostAsJsonAsync("/api/v1/verifications", new { cedula = "V-31100001", fingers = new[] { ServerKeys.Finger(2, 109, 1) } })).StatusCode);
        }

        var logged = sink.Entries.Where(e => e.Level >= LogLevel.Information).ToList();

        // The sink does see the server's logs: the enrollment (event 1001) is there, by reference.
        Assert.Contains(logged, e => e.EventId == 1001);
        var leaks = logged.Where(e => e.Text.Contains("31100001", StringComparison.Ordinal) || e.Text.Contains("31100002", StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "cédulas logged: " + string.Join(" | ", leaks.Select(e => $"{e.Category} {e.Level}: {e.Text}")));
    }

    private sealed record Entry(string Category, LogLevel Level, int EventId, string Text);

    /// <summary>Keeps every entry the host's filters let through.</summary>
    private sealed class LogSink : ILoggerProvider
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyCollection<Entry> Entries => _entries;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(category, logLevel, eventId.Id, formatter(state, exception) + (exception is null ? "" : " " + exception)));
        }
    }
}
