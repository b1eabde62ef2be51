using Huella.Identity.Enrollment;

namespace Huella.Identity.Tests;

public sealed class CaptureProblemCodeTests
{
    [Fact]
    public void Every_code_has_its_own_wire_name_and_the_published_names_do_not_move()
    {
        var wire = Enum.GetValues<CaptureProblemCode>().Select(c => c.ToWire()).ToList();
        Assert.Equal(wire.Count, wire.Distinct(StringComparer.Ordinal).Count());
        // Clients branch on these names (docs/registry-server.md): they are part of the API.
        Assert.Equal("cedula-taken", CaptureProblemCode.CedulaTaken.ToWire());
        Assert.Equal("unreadable-image", CaptureProblemCode.UnreadableImage.ToWire());
        Assert.Equal("low-quality", CaptureProblemCode.LowQuality.ToWire());
    }
}
