using AutoBooking.HostTests.Rpc;
using Grpc.Core;

namespace AutoBooking.HostTests.Support;

/// <summary>
/// The <c>FunctionRpc</c> service the Functions host serves: the worker calls <c>EventStream</c> once and keeps
/// the bidirectional stream open. One writer loop drains <see cref="WorkerChannel.Outgoing"/> (gRPC allows one
/// write at a time); everything the worker sends goes to <see cref="WorkerChannel.Receive"/>.
/// </summary>
public sealed class HostRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(
        IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var writer = WriteAsync(responseStream, stop.Token);
        Exception? error = null;
        try
        {
            await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
            {
                channel.Receive(message);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or Grpc.Core.RpcException)
        {
            error = ex;
        }
        finally
        {
            channel.Closed(error);
            await stop.CancelAsync();
            await writer;
        }
    }

    private async Task WriteAsync(IServerStreamWriter<StreamingMessage> responseStream, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in channel.Outgoing.Reader.ReadAllAsync(cancellationToken))
            {
                await responseStream.WriteAsync(message, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended; nothing more can be sent to this worker.
        }
    }
}
