using MonitorCore.Positions;

namespace MonitorCore.Tests.Positions;

public class PositionFileParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reads_csv_with_a_header_and_reports_bad_rows_by_line()
    {
        const string csv = """
            id,asset_type,position_type,entry_price,liquidation_price,size,collateral,wallet_name
            p1,sol,long,182.5,151,1250,250,ledger
            # a comment
            p2,BTC,SHORT,95000,99980,5000,255,
            p3,ETH,sideways,3390,2871,800,130,x
            p4,ETH,LONG,abc,2871,800,130,x
            p5,ETH,LONG,3390
            "p,6",ETH,LONG,3390,2871,800,130,"quoted, wallet"
            """;

        var result = PositionFileParser.Parse(csv, "positions.csv", Now);

        Assert.Equal(["p1", "p2", "p,6"], result.Positions.Select(p => p.Id));
        Assert.Equal([5, 6, 7], result.Errors.Select(e => e.Line));
        Assert.Contains("position_type must be LONG or SHORT, got 'sideways'", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("entry_price must be a positive number, got 'abc'", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("4 columns, the header has 8", result.Errors[2].Message, StringComparison.Ordinal);
        var p1 = result.Positions[0];
        Assert.Equal(("SOL", PositionType.Long, 182.5, 151.0, 1250.0, 250.0, "ledger", "file", Now),
            (p1.AssetType, p1.PositionType, p1.EntryPrice, p1.LiquidationPrice, p1.Size, p1.Collateral, p1.WalletName, p1.Source, p1.LastUpdated));
        Assert.Null(result.Positions[1].WalletName);
        Assert.Equal("quoted, wallet", result.Positions[2].WalletName);
    }

    [Fact]
    public void Reads_a_json_array_with_snake_or_camel_case_and_reports_bad_items_by_line()
    {
        const string json = """
            [
              {"id": "p1", "asset_type": "SOL", "position_type": "LONG", "entry_price": 182.5,
               "liquidation_price": 151, "size": 1250, "collateral": 250, "pnl_after_fees_usd": -3.5},
              {"id": "p2", "assetType": "BTC", "positionType": "short", "entryPrice": "95000",
               "liquidationPrice": "99980", "size": "5000", "collateral": "255", "currentPrice": 97000},
              {"id": "p3", "asset_type": "ETH", "position_type": "LONG", "entry_price": -1,
               "liquidation_price": 1, "size": 1, "collateral": 1},
              42
            ]
            """;

        var result = PositionFileParser.Parse(json, "positions.json", Now);

        Assert.Equal(["p1", "p2"], result.Positions.Select(p => p.Id));
        Assert.Equal(-3.5, result.Positions[0].PnlAfterFeesUsd);
        Assert.Equal((PositionType.Short, 97000.0), (result.Positions[1].PositionType, result.Positions[1].CurrentPrice));
        Assert.Equal([6, 8], result.Errors.Select(e => e.Line));
        Assert.Contains("entry_price", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("item 4 is not an object", result.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_an_object_with_a_positions_array()
    {
        const string json = """{"positions": [{"id": "p1", "asset_type": "SOL", "position_type": "LONG", "entry_price": 1, "liquidation_price": 0.5, "size": 2, "collateral": 1}]}""";
        Assert.Single(PositionFileParser.Parse(json, "x.json", Now).Positions);
    }

    [Theory]
    [InlineData("{ broken", "not valid JSON")]
    [InlineData("""{"items": []}""", "expected a JSON array")]
    public void A_file_that_is_not_a_list_of_positions_is_one_error(string json, string message)
    {
        var result = PositionFileParser.Parse(json, "x.json", Now);
        Assert.Empty(result.Positions);
        Assert.Contains(message, Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_extension_the_content_decides()
    {
        Assert.Single(PositionFileParser.Parse("id,asset_type,position_type,entry_price,liquidation_price,size,collateral\np,SOL,LONG,1,0.5,2,1", "positions", Now).Positions);
        Assert.Single(PositionFileParser.Parse("""[{"id":"p","asset_type":"SOL","position_type":"LONG","entry_price":1,"liquidation_price":0.5,"size":2,"collateral":1}]""", "positions", Now).Positions);
    }

    [Fact]
    public void Missing_fields_and_bad_optional_numbers_are_named()
    {
        var result = PositionFileParser.Parse("id,asset_type,position_type,entry_price,liquidation_price,size,collateral,current_price\n,SOL,LONG,1,0.5,2,1,\np,SOL,LONG,1,0.5,2,1,zero", "a.csv", Now);
        Assert.Equal(["id is missing", "current_price must be a number, got 'zero'"], result.Errors.Select(e => e.Message));
    }
}
