using System.Data;
using Dapper;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Lets Dapper read Postgres <c>date</c> columns into <see cref="DateOnly"/>.</summary>
internal sealed class DateOnlyTypeHandler : SqlMapper.TypeHandler<DateOnly>
{
    public override DateOnly Parse(object value) => value switch
    {
        DateOnly date => date,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        _ => throw new DataException($"Cannot read {value.GetType()} as DateOnly."),
    };

    public override void SetValue(IDbDataParameter parameter, DateOnly value)
    {
        parameter.DbType = DbType.Date;
        parameter.Value = value;
    }
}
