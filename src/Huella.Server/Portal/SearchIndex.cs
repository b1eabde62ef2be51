using System.Collections.Immutable;
using System.Text;
using Huella.Elections.Geography;

namespace Huella.Server.Portal;

/// <summary>
/// What the search box looks through, prepared once per snapshot: every mesa code in order (a code
/// prefix is a binary search) and every area name folded to upper case without accents.
/// </summary>
internal sealed class SearchIndex
{
    private readonly string[] _codes;
    private readonly MesaId[] _mesas;
    private readonly (string Folded, long Key)[] _names;

    private SearchIndex(string[] codes, MesaId[] mesas, (string, long)[] names)
    {
        _codes = codes;
        _mesas = mesas;
        _names = names;
    }

    public static SearchIndex Of(ImmutableDictionary<long, PortalArea> areas, IEnumerable<MesaId> expected)
    {
        var mesas = expected.Concat(areas.Values.SelectMany(a => a.Mesas)).Distinct().Select(m => (Code: m.ToString(), Mesa: m)).OrderBy(m => m.Code, StringComparer.Ordinal).ToArray();
        var names = areas.Where(a => a.Value.Name.Length > 0).OrderBy(a => a.Value.Level).ThenBy(a => a.Value.Prefix).Select(a => (Fold(a.Value.Name), a.Key)).ToArray();
        return new SearchIndex([.. mesas.Select(m => m.Code)], [.. mesas.Select(m => m.Mesa)], names);
    }

    /// <summary>Mesas whose code starts with <paramref name="prefix"/>, in code order.</summary>
    public IEnumerable<MesaId> MesasStartingWith(string prefix)
    {
        if (prefix.Length == 0 || !prefix.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            yield break;
        }

        var at = Array.BinarySearch(_codes, prefix, StringComparer.Ordinal);
        for (var i = at < 0 ? ~at : at; i < _codes.Length && _codes[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return _mesas[i];
        }
    }

    /// <summary>Areas whose name contains <paramref name="text"/>, ignoring case and accents, states first.</summary>
    public IEnumerable<long> AreasNamed(string text)
    {
        var folded = Fold(text);
        return folded.Length == 0 ? [] : _names.Where(n => n.Folded.Contains(folded, StringComparison.Ordinal)).Select(n => n.Key);
    }

    /// <summary>Upper case without accents, so «bolivar» finds «Escuela Bolívar».</summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.ToUpperInvariant())
        {
            folded.Append(c switch
            {
                'Á' or 'À' or 'Ä' or 'Â' => 'A',
                'É' or 'È' or 'Ë' or 'Ê' => 'E',
                'Í' or 'Ì' or 'Ï' or 'Î' => 'I',
                'Ó' or 'Ò' or 'Ö' or 'Ô' => 'O',
                'Ú' or 'Ù' or 'Ü' or 'Û' => 'U',
                'Ñ' => 'N',
                _ => c,
            });
        }

        return folded.ToString();
    }
}
