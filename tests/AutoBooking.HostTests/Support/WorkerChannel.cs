using System.Collections.Concurrent;
using System.Threading.Channels;
using AutoBooking.HostTests.Rpc;

namespace AutoBooking.HostTests.Support;

/// <summary>
/// The host's end of the worker's event stream: what the host sends (a queue drained onto the gRPC response
/// stream by <see cref="HostRpcService"/>) and what the worker answered, matched to the request that asked.
/// Answers are keyed the way the protocol correlates them: init and metadata by the kind of answer, function loads by
/// function id, invocations by invocation id.
/// </summary>
public sealed class WorkerChannel
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> pending = new();
    private readonly TaskCompletionSource<StartStream> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> logs = new();

    public Channel<StreamingMessage> Outgoing { get; } = Channel.CreateUnbounded<StreamingMessage>();

    /// <summary>Completes when the worker has opened the stream and introduced itself.</summary>
    public Task<StartStream> Started => started.Task;

    /// <summary>The worker's logs as it sent them to the host (RpcLog), for failure messages.</summary>
    public IEnumerable<string> Logs => logs;

    /// <summary>Sends a request and waits for the worker's answer carrying the same correlation key.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, string key, TimeSpan timeout)
    {
        var answer = pending.GetOrAdd(key, _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        await Outgoing.Writer.WriteAsync(request);
        try
        {
            return await answer.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The worker did not answer {request.ContentCase} ({key}) within {timeout.TotalSeconds:0}s.");
        }
        finally
        {
            pending.TryRemove(key, out _);
        }
    }

    public ValueTask SendAsync(StreamingMessage message) => Outgoing.Writer.WriteAsync(message);

    /// <summary>Called for every message the worker sends.</summary>
    public void Receive(StreamingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                started.TrySetResult(message.StartStream);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                var log = message.RpcLog;
                logs.Enqueue($"[{log.Level}] {log.Category}: {log.Message} {log.Exception?.Message}".TrimEnd());
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Answer(message.FunctionLoadResponse.FunctionId, message);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Answer(message.InvocationResponse.InvocationId, message);
                break;
            default:
                // One outstanding request of each kind at a time (init, metadata): keyed by the answer's kind.
                Answer(message.ContentCase.ToString(), message);
                break;
        }
    }

    /// <summary>The stream ended (the worker exited or disconnected): nobody will answer what is still waiting.</summary>
    public void Closed(Exception? error)
    {
        var reason = new IOException("The worker's event stream closed before it answered.", error);
        started.TrySetException(reason);
        foreach (var waiting in pending.Values)
        {
            waiting.TrySetException(reason);
        }
    }

    private void Answer(string key, StreamingMessage message) =>
        pending.GetOrAdd(key, _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously))
            .TrySetResult(message);
}
