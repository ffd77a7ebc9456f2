// SPDX-License-Identifier: UNLICENSED
// A price feed for tests, speaking the AggregatorV3 interface that Chainlink's proxies implement
// (decimals, description, version, getRoundData, latestRoundData). Its owner writes any round,
// including the broken ones a reader must detect: an answer of zero or below, a round never
// updated (updatedAt 0), a round answered in an earlier one, and an old round (stale).
pragma solidity 0.8.37;

contract TestPriceFeed {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
        uint80 answeredInRound;
        bool exists;
    }

    uint8 public immutable decimals;
    string public description;
    uint256 public constant version = 4;
    address public immutable owner;

    uint80 private latest;
    mapping(uint80 => Round) private rounds;

    constructor(uint8 decimals_, string memory description_) {
        decimals = decimals_;
        description = description_;
        owner = msg.sender;
    }

    /// Stores a round and makes it the latest one.
    function setRound(
        uint80 roundId,
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    ) external {
        require(msg.sender == owner, "TestPriceFeed: only owner");
        rounds[roundId] = Round(answer, startedAt, updatedAt, answeredInRound, true);
        latest = roundId;
    }

    function getRoundData(uint80 roundId)
        public
        view
        returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        Round memory r = rounds[roundId];
        require(r.exists, "No data present");
        return (roundId, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        require(latest != 0, "No data present");
        return getRoundData(latest);
    }
}
