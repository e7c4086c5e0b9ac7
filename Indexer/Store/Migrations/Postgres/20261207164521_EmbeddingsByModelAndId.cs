using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaperSearch.Indexer.Store.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EmbeddingsByModelAndId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_embeddings_Model",
                table: "embeddings");

            migrationBuilder.CreateIndex(
                name: "IX_embeddings_Model_PaperId",
                table: "embeddings",
                columns: new[] { "Model", "PaperId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_embeddings_Model_PaperId",
                table: "embeddings");

            migrationBuilder.CreateIndex(
                name: "IX_embeddings_Model",
                table: "embeddings",
                column: "Model");
        }
    }
}
