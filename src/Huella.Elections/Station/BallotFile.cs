using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Huella.Elections.Contests;
using Huella.Elections.Geography;

namespace Huella.Elections.Station;

/// <summary>
/// The ballot box on disk: a file made at opening with one empty fixed-size slot per elector on the
/// roll, written in place. Each ballot goes to a uniformly random free slot (a cryptographic random
/// number) and is flushed to disk (fsync) before its receipt is printed. A slot holds the choices and
/// a check hash, nothing else: no time, no sequence, no token. Because the file's size and layout are
/// fixed from the start and slots are chosen at random, neither the file's bytes nor its length say
/// in which order ballots were cast. What remains: the file's modification time is that of the last
/// ballot; the file system or the flash controller below it may keep traces of write order, which
/// only an attacker holding the disk and forensic tools could read.
/// A slot half-written when power failed fails its check and is read as empty: that ballot's receipt
/// was never printed (the write had not returned), so no printed receipt is ever missing from the box.
/// Layout: "HBB1" ‖ slot size (u32) ‖ slots (u32) ‖ SHA-256 of the mesa and ballot shape (32) ‖ 20
/// zero bytes ‖ slots; a slot is 0x01 ‖ for each contest its marks as i16 (card, -1 null, -2 blank,
/// 0x7FFF unused) ‖ the first 8 bytes of SHA-256 of all before.
/// </summary>
internal sealed class BallotFile : IDisposable
{
    private const int HeaderSize = 64;
    private const int CheckSize = 8;
    private const short Unused = short.MaxValue;
    private const short NullMark = -1;
    private const short BlankMark = -2;
    private static ReadOnlySpan<byte> Magic => "HBB1"u8;

    private readonly FileStream _file;
    private readonly int[] _marks;
    private readonly int _slotSize;
    private readonly List<int> _free;

    private BallotFile(FileStream file, int[] marks, int slotSize, List<int> free, List<Ballot> ballots)
    {
        _file = file;
        _marks = marks;
        _slotSize = slotSize;
        _free = free;
        Ballots = ballots;
    }

    /// <summary>The ballots found when the file was opened, in slot order (which is random).</summary>
    public IReadOnlyList<Ballot> Ballots { get; }

    public static BallotFile Open(string path, string electionId, MesaId mesa, BallotContest[] contests, int slots)
    {
        int[] marks = [.. contests.Select(c => c.MarksPerBallot)];
        var slotSize = 1 + (2 * marks.Sum()) + CheckSize;
        var binding = Binding(electionId, mesa, contests, slots);
        if (!File.Exists(path))
        {
            Create(path, slotSize, slots, binding);
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        try
        {
            var header = new byte[HeaderSize];
            if (file.Length != HeaderSize + ((long)slotSize * slots) || RandomAccess.Read(file.SafeFileHandle, header, 0) != HeaderSize
                || !header.AsSpan().StartsWith(Magic)
                || BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)) != slotSize
                || BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8)) != slots
                || !header.AsSpan(12, 32).SequenceEqual(binding))
            {
                throw new StationStoreException($"The ballot file {path} is not this mesa's ballot box (another election, mesa, ballot or roll, or damaged).");
            }

            var free = new List<int>();
            var ballots = new List<Ballot>();
            var slot = new byte[slotSize];
            for (var i = 0; i < slots; i++)
            {
                RandomAccess.Read(file.SafeFileHandle, slot, HeaderSize + ((long)slotSize * i));
                if (TryDecode(slot, marks, contests, out var ballot))
                {
                    ballots.Add(ballot!);
                }
                else
                {
                    free.Add(i);
                }
            }

            return new BallotFile(file, marks, slotSize, free, ballots);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Writes the ballot to a random free slot and flushes it to disk; when this returns, the ballot survives a power cut.</summary>
    public void Write(Ballot ballot)
    {
        if (_free.Count == 0)
        {
            throw new InvalidOperationException("The ballot box is full: every elector on the roll has a ballot in it.");
        }

        var pick = RandomNumberGenerator.GetInt32(_free.Count);
        var slot = _free[pick];
        var bytes = Encode(ballot);
        RandomAccess.Write(_file.SafeFileHandle, bytes, HeaderSize + ((long)_slotSize * slot));
        _file.Flush(flushToDisk: true);
        _free[pick] = _free[^1];
        _free.RemoveAt(_free.Count - 1);
    }

    public void Dispose() => _file.Dispose();

    private static void Create(string path, int slotSize, int slots, byte[] binding)
    {
        var contents = new byte[HeaderSize + ((long)slotSize * slots)];
        Magic.CopyTo(contents);
        BinaryPrimitives.WriteInt32BigEndian(contents.AsSpan(4), slotSize);
        BinaryPrimitives.WriteInt32BigEndian(contents.AsSpan(8), slots);
        binding.CopyTo(contents, 12);
        var temporary = path + ".new";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Huella.Storage.OwnerOnlyFile.Mode;
        }

        // Written whole and flushed under another name, then renamed: a crash here leaves no half-made box.
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(contents);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path);
    }

    private static byte[] Binding(string electionId, MesaId mesa, BallotContest[] contests, int slots) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"huella ballot box v1\n{electionId}\n{mesa}\n{slots}\n{string.Join(';', contests.Select(c => $"{c.Cards.Length}x{c.MarksPerBallot}"))}"));

    private byte[] Encode(Ballot ballot)
    {
        var slot = new byte[_slotSize];
        slot[0] = 1;
        var at = 1;
        for (var contest = 0; contest < _marks.Length; contest++)
        {
            var choice = ballot.Choices[contest];
            short[] marks = choice.IsNull ? [NullMark] : choice.IsBlank ? [BlankMark] : [.. choice.Cards.Select(c => checked((short)c))];
            for (var m = 0; m < _marks[contest]; m++)
            {
                BinaryPrimitives.WriteInt16BigEndian(slot.AsSpan(at), m < marks.Length ? marks[m] : Unused);
                at += 2;
            }
        }

        SHA256.HashData(slot.AsSpan(0, at)).AsSpan(0, CheckSize).CopyTo(slot.AsSpan(at));
        return slot;
    }

    private static bool TryDecode(ReadOnlySpan<byte> slot, int[] marks, BallotContest[] contests, out Ballot? ballot)
    {
        ballot = null;
        var body = slot[..^CheckSize];
        if (slot[0] != 1 || !SHA256.HashData(body)[..CheckSize].AsSpan().SequenceEqual(slot[^CheckSize..]))
        {
            return false;
        }

        var choices = new BallotChoice[marks.Length];
        var at = 1;
        for (var contest = 0; contest < marks.Length; contest++)
        {
            var cards = new List<int>();
            for (var m = 0; m < marks[contest]; m++, at += 2)
            {
                var mark = BinaryPrimitives.ReadInt16BigEndian(body[at..]);
                if (mark != Unused)
                {
                    cards.Add(mark);
                }
            }

            choices[contest] = cards switch
            {
                [NullMark] => BallotChoice.Null,
                [BlankMark] => BallotChoice.Blank,
                _ when cards.Count > 0 && cards.All(c => c >= 0 && c < contests[contest].Cards.Length) => BallotChoice.Of(cards),
                _ => throw new StationStoreException("A ballot slot passes its check but holds a choice this ballot does not have: the ballot file was altered."),
            };
        }

        ballot = new Ballot(choices);
        return true;
    }
}
