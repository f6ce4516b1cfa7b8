using System.Net;
using System.Net.Sockets;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>A loopback port nothing listens on (taken from the OS, then released): "the server is down".</summary>
public static class ClosedPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
