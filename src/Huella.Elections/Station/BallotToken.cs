using System.Security.Cryptography;

namespace Huella.Elections.Station;

/// <summary>
/// The one-time permission to cast one ballot: a random nonce and a MAC under the station's session
/// key. It carries nothing about the elector, and the authentication desk keeps no copy, so no
/// record links it back to who was admitted.
/// </summary>
public sealed class BallotToken
{
    public const int NonceSize = 16;

    internal BallotToken(byte[] nonce, byte[] mac)
    {
        Nonce = nonce;
        Mac = mac;
    }

    internal byte[] Nonce { get; }

    internal byte[] Mac { get; }

    internal static BallotToken Issue(ReadOnlySpan<byte> sessionKey)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        return new BallotToken(nonce, HMACSHA256.HashData(sessionKey, nonce));
    }

    internal bool IsGenuine(ReadOnlySpan<byte> sessionKey) =>
        CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(sessionKey, Nonce), Mac);
}
