using System.Security.Cryptography;

namespace Huella.Identity.Storage;

/// <summary>
/// The AES-256 keys templates are encrypted with, by id; new records use <see cref="CurrentId"/>,
/// older ones name the key they were sealed with, so a rotated ring still opens them until
/// <c>rotate-key</c> has re-encrypted everything. Text form: one <c>ID BASE64KEY</c> per line, the
/// last line is the current key. Disposing the ring zeroes its keys; the ring is then unusable, so
/// whoever opens one disposes it after the store and journal that seal with it.
/// </summary>
public sealed class KeyRing : IDisposable
{
    public const int KeySize = 32;
    public const int MaxIdLength = 32;

    private readonly Dictionary<string, byte[]> _keys;
    private bool _disposed;

    public KeyRing(IEnumerable<KeyValuePair<string, byte[]>> keys, string currentId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, key) in keys)
        {
            if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || id.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException("Key ids are 1–32 characters without spaces.", nameof(keys));
            }

            if (key.Length != KeySize)
            {
                throw new ArgumentException($"Key '{id}' is not {KeySize} bytes.", nameof(keys));
            }

            _keys[id] = key.ToArray();
        }

        if (!_keys.ContainsKey(currentId))
        {
            throw new ArgumentException($"The current key '{currentId}' is not in the ring.", nameof(currentId));
        }

        CurrentId = currentId;
    }

    public string CurrentId { get; }

    public IReadOnlyCollection<string> Ids => _keys.Keys;

    /// <summary>A ring with one fresh random key.</summary>
    public static KeyRing Generate(string id = "k1") => Wiping([new(id, RandomNumberGenerator.GetBytes(KeySize))], id);

    /// <summary>This ring plus a fresh random key that becomes current (named k2, k3, … after the highest existing kN).</summary>
    public KeyRing WithNewKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var next = 1;
        while (_keys.ContainsKey($"k{next}"))
        {
            next++;
        }

        var id = $"k{next}";
        var fresh = RandomNumberGenerator.GetBytes(KeySize);
        try
        {
            return new KeyRing(_keys.Append(new(id, fresh)), id);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fresh);
        }
    }

    /// <summary>A ring with the current key alone (after a rotation has re-sealed everything with it).</summary>
    public KeyRing CurrentOnly() => new([new(CurrentId, Current)], CurrentId);

    /// <summary>
    /// Seals any bytes (queued requests holding images, for example) with the current key:
    /// key id length ‖ key id ‖ AES-256-GCM nonce ‖ tag ‖ ciphertext, bound to <paramref name="context"/>.
    /// </summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, string context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = System.Text.Encoding.UTF8.GetBytes(CurrentId);
        var body = SealedBytes.Seal(Current, plaintext, context);
        var result = new byte[1 + id.Length + body.Length];
        result[0] = (byte)id.Length;
        id.CopyTo(result, 1);
        body.CopyTo(result, 1 + id.Length);
        return result;
    }

    /// <summary>Opens bytes from <see cref="Seal"/>; throws <see cref="System.Security.Cryptography.CryptographicException"/> when altered, bound to another context or sealed with a key not in the ring.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedBytes, string context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (sealedBytes.Length < 1 || sealedBytes.Length < 1 + sealedBytes[0])
        {
            throw new System.Security.Cryptography.CryptographicException("Sealed bytes are truncated.");
        }

        var id = System.Text.Encoding.UTF8.GetString(sealedBytes.Slice(1, sealedBytes[0]));
        if (!TryGet(id, out var key))
        {
            throw new System.Security.Cryptography.CryptographicException($"Key '{id}' is not in the key ring.");
        }

        return SealedBytes.Open(key, sealedBytes[(1 + sealedBytes[0])..], context);
    }

    internal bool TryGet(string id, out byte[] key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _keys.TryGetValue(id, out key!);
    }

    internal byte[] Current
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _keys[CurrentId];
        }
    }

    /// <summary>Zeroes every key, so no copy of them outlives the ring in the process's memory.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var key in _keys.Values)
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public static KeyRing Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pairs = new List<KeyValuePair<string, byte[]>>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new FormatException("Each key line is 'ID BASE64KEY'.");
            }

            pairs.Add(new(parts[0], Convert.FromBase64String(parts[1])));
        }

        return pairs.Count == 0 ? throw new FormatException("The key ring holds no key.") : Wiping(pairs, pairs[^1].Key);
    }

    /// <summary>A ring from keys the caller made for it alone: the constructor keeps copies, so the originals are zeroed.</summary>
    private static KeyRing Wiping(List<KeyValuePair<string, byte[]>> keys, string currentId)
    {
        try
        {
            return new KeyRing(keys, currentId);
        }
        finally
        {
            foreach (var (_, key) in keys)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    /// <summary>The text form, current key last. It is a secret: write it only to a protected file.</summary>
    public string Export()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return string.Concat(_keys.Where(k => k.Key != CurrentId).Append(new(CurrentId, Current)).Select(k => $"{k.Key} {Convert.ToBase64String(k.Value)}\n"));
    }

    /// <summary>
    /// Loads the ring in an existing file. A missing file is an error, never a fresh key: for a store
    /// that already holds templates a new ring is a mistyped path, and would seal new templates with
    /// a key the old ones do not share.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="FormatException">The file is not a key ring.</exception>
    public static KeyRing Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No key ring at {path}.", path);
        }

        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // The message names the file, never its content: the content is the secret.
            throw new FormatException($"{path} is not a key ring: {e.Message}", e);
        }
    }

    /// <summary>
    /// Creates a ring with one fresh key in a new file (readable by its owner only), for a store
    /// that holds nothing yet; refuses to replace an existing file.
    /// </summary>
    /// <exception cref="IOException">A file exists at <paramref name="path"/>.</exception>
    public static KeyRing CreateNew(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var ring = Generate();
        try
        {
            ring.Write(path, overwrite: false);
            return ring;
        }
        catch
        {
            ring.Dispose();
            throw;
        }
    }

    /// <summary>Writes the ring atomically (temporary file then rename), owner-only permissions where supported.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Write(path, overwrite: true);
    }

    private void Write(string path, bool overwrite)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Huella.Storage.OwnerOnlyFile.Mode;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Export());
        }

        try
        {
            File.Move(temporary, path, overwrite);
        }
        catch (IOException) when (!overwrite)
        {
            File.Delete(temporary);
            throw;
        }
    }
}
