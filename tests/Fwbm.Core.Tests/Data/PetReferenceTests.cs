using Fwbm.Core.Data;
using Xunit;

namespace Fwbm.Core.Tests.Data;

/// <summary>Per-map PET references of the Hansen datasets, read from Table_S3.xlsx in the mirror.</summary>
public class PetReferenceTests
{
    [Fact]
    public void Both_hansen_entries_list_table_s3_with_the_mirror_checksum()
    {
        var sums = File.ReadAllLines(Path.Combine(TestData.Mirror, "SHA256SUMS"))
            .Select(l => l.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)).ToDictionary(p => p[1].Trim().TrimStart('.', '/'), p => p[0]);
        foreach (var id in new[] { "hansen-dk68", "hansen-schaefer100" })
        {
            var d = DataCatalog.Default.Get(id);
            var f = d.File("references");
            Assert.Equal("manuscript/Table_S3.xlsx", f.Path);
            Assert.Equal(sums["hansen_receptors/manuscript/Table_S3.xlsx"], f.Sha256);
            Assert.Equal($"https://raw.githubusercontent.com/netneurolab/hansen_receptors/{d.Commit}/manuscript/Table_S3.xlsx", f.Url);
        }
    }

    [Fact]
    public void Every_dk68_map_gets_its_primary_reference_or_says_it_has_none()
    {
        var refs = Datasets.PetReferences("hansen-dk68", TestData.Shared);
        Assert.Equal(41, refs.Count); // one per single-tracer map file
        var by = refs.ToDictionary(r => r.Map);
        Assert.Equal(["beliveau2017jneurosci"], by["5HT1a_cumi_hc8_beliveau"].References);
        Assert.Equal("[11C]CUMI-101", by["5HT1a_cumi_hc8_beliveau"].Tracer);
        Assert.Equal(8, by["5HT1a_cumi_hc8_beliveau"].Subjects);
        Assert.Equal(["savli2012neuroimage"], by["5HT1a_way_hc36_savli"].References);
        Assert.Equal("fink2009neuroimage", by["5HT1a_way_hc36_savli"].SeeAlso);
        Assert.Equal(["norgaard2021neuroimage"], by["GABAa-bz_flumazenil_hc16_norgaard"].References);
        Assert.Equal(["dukart2018scirep"], by["GABAa_flumazenil_hc6_dukart"].References);
        Assert.Equal(["kantonen2020neuroimage"], by["MU_carfentanil_hc204_kantonen"].References);   // MU = MOR in the table
        Assert.Equal(["ding2010synapse"], by["NAT_MRB_hc77_ding"].References);                    // NAT = NET
        Assert.Equal(["galovic2021preprint", "galovic2021neuroimage"], by["NMDA_ge179_hc29_galovic"].References);
        Assert.Equal(["smith2017jcerebbloodflowmetab"], by["D2_flb457_hc37_smith"].References);  // same tracer, told apart by author
        Assert.Equal(["sandiego2015jcerebbloodflowmetab"], by["D2_flb457_hc55_sandiego"].References);
        Assert.Equal(["PI: Pedro Rosa-Neto"], by["mGluR5_abp_hc22_rosaneto"].References);
        // three extra scale033 maps have no row in Table S3: said so, nothing invented
        var none = refs.Where(r => r.References.Count == 0).Select(r => r.Map).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["GABAa_FLUMAZENIL_c11", "SERT_DASB_HC30", "SERT_MADAM_c11"], none);
        Assert.Contains("no row of Table_S3.xlsx", by["SERT_MADAM_c11"].ToString());
    }

    [Fact]
    public void Every_schaefer100_map_has_a_reference_and_cite_lists_them()
    {
        var refs = Datasets.PetReferences("hansen-schaefer100", TestData.Shared);
        Assert.Equal(38, refs.Count);
        Assert.All(refs, r => Assert.NotEmpty(r.References));
        var cite = Datasets.Cite("hansen-schaefer100", TestData.Shared);
        Assert.Contains("Original PET studies (manuscript/Table_S3.xlsx", cite);
        Assert.Contains("  - 5HT2a_cimbi_hc29_beliveau ([11C]CIMBI-36, N=29): beliveau2017jneurosci", cite);
        Assert.Contains("  - D2_flb457_hc55_sandiego ([11C]FLB457, N=55): sandiego2015jcerebbloodflowmetab; see also: Smith et al 2017", cite);
        Assert.DoesNotContain("\r", cite);
    }

    [Fact]
    public void Cite_without_the_table_says_how_to_get_it_and_other_datasets_need_no_file()
    {
        using var cache = new TempDir();
        var store = new DataStore(cache.Path, null, allowNetwork: false);
        var cite = Datasets.Cite("hansen-dk68", store);
        Assert.Contains("Hansen JY", cite);
        Assert.Contains("not available", cite);
        Assert.Contains("fwbm data fetch hansen-dk68", cite);
        Assert.DoesNotContain("Original PET studies", Datasets.Cite("tvb-68", store));
    }
}
